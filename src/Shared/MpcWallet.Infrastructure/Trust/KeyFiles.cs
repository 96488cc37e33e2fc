using System.Security.Cryptography;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>Private key files: base64 text, created owner-only (0600), never overwritten; read back strictly.</summary>
public static class KeyFiles
{
    /// <summary>Writes a new key file; refuses to replace an existing one (a key is never silently lost).</summary>
    public static void Create(string path, ReadOnlySpan<byte> key)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, create);
        using var writer = new StreamWriter(stream);
        writer.Write(Convert.ToBase64String(key));
        writer.Write('\n');
    }

    /// <summary>The key of a file written by <see cref="Create"/> (or by hand: base64 or hex), of exactly <paramref name="length"/> bytes.</summary>
    public static byte[] Read(string path, int length, string what)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{what}: the file {path} does not exist");
        }

        return Decode(File.ReadAllText(path).Trim(), length, $"{what} ({path})");
    }

    /// <summary>A key given as base64 or hex text, of exactly <paramref name="length"/> bytes.</summary>
    public static byte[] Decode(string text, int length, string what)
    {
        byte[]? key = null;
        if (text.Length == 2 * length && text.All(Uri.IsHexDigit))
        {
            key = Convert.FromHexString(text);
        }
        else
        {
            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                key = buffer[..written];
            }

            CryptographicOperations.ZeroMemory(buffer);
        }

        if (key is null || key.Length != length)
        {
            throw new InvalidOperationException($"{what} must be {length} bytes, base64 or hex");
        }

        return key;
    }
}
