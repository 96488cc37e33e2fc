namespace MpcWallet.Infrastructure.Trust;

/// <summary>Text a sender chose (a claimed node or coordinator id), made safe to log: bounded length, printable id characters only.</summary>
public static class UntrustedText
{
    public const int MaxLength = 64;

    public static string ForLog(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var cut = value.Length > MaxLength ? value[..MaxLength] : value;
        var printable = new string(cut.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '?').ToArray());
        return value.Length > MaxLength ? $"{printable}… ({value.Length} chars)" : printable;
    }
}
