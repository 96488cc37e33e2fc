using System.Globalization;
using System.Numerics;
using System.Text;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// The decoded data of a revert (eth_call / eth_estimateGas error data, or a failed transaction's output): Error(string),
/// Panic(uint256) with its documented meaning, a custom error declared in an ABI, or unrecognized bytes. Decoding never
/// throws on arbitrary data: what does not decode strictly is <see cref="RevertKind.Unrecognized"/>.
/// </summary>
public sealed class RevertReason
{
    private readonly byte[] _data;

    private RevertReason(RevertKind kind, byte[] data, string? message, BigInteger? panicCode, AbiError? error, IReadOnlyList<object>? arguments)
    {
        Kind = kind;
        _data = data;
        Message = message;
        PanicCode = panicCode;
        Error = error;
        Arguments = arguments;
    }

    public RevertKind Kind { get; }

    /// <summary>The raw revert data.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The message of Error(string).</summary>
    public string? Message { get; }

    /// <summary>The code of Panic(uint256).</summary>
    public BigInteger? PanicCode { get; }

    /// <summary>The documented meaning of the panic code (null for an undocumented code).</summary>
    public string? PanicDescription => PanicCode is { } code ? PanicCodes.Describe(code) : null;

    /// <summary>The error that decoded: <see cref="AbiError.ErrorString"/>, <see cref="AbiError.Panic"/> or the custom error.</summary>
    public AbiError? Error { get; }

    /// <summary>The decoded arguments of <see cref="Error"/>.</summary>
    public IReadOnlyList<object>? Arguments { get; }

    /// <summary>One line for people: "insufficient balance", "panic 0x11: arithmetic overflow …", "InsufficientBalance(available: 1, required: 2)".</summary>
    public string Description => Kind switch
    {
        RevertKind.Empty => "reverted without data",
        RevertKind.Error => Message!,
        RevertKind.Panic => $"panic 0x{PanicCode!.Value.ToString("x2", CultureInfo.InvariantCulture)}: {PanicDescription ?? "undocumented panic code"}",
        RevertKind.CustomError => Error!.Name + "(" + string.Join(", ", Error.Inputs.Select((p, i) => (p.Name.Length > 0 ? p.Name + ": " : "") + AbiJsonValues.ToJson(p.Type, Arguments![i]).ToJsonString())) + ")",
        _ => _data.Length >= 4 ? $"unrecognized revert data with selector {HexBytes.ToHex(_data.AsSpan(0, 4))}" : $"unrecognized revert data {HexBytes.ToHex(_data)}",
    };

    /// <summary>
    /// Decodes revert data. Error(string) and Panic(uint256) are always known; custom errors come from
    /// <paramref name="customErrors"/> (e.g. <see cref="ContractAbi.Errors"/>).
    /// </summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data, IEnumerable<AbiError>? customErrors = null)
    {
        var bytes = data.ToArray();
        if (bytes.Length == 0)
        {
            return new RevertReason(RevertKind.Empty, bytes, null, null, null, null);
        }

        try
        {
            if (AbiError.ErrorString.Matches(bytes))
            {
                var arguments = AbiError.ErrorString.Decode(bytes);
                return new RevertReason(RevertKind.Error, bytes, (string)arguments[0], null, AbiError.ErrorString, arguments);
            }

            if (AbiError.Panic.Matches(bytes))
            {
                var arguments = AbiError.Panic.Decode(bytes);
                return new RevertReason(RevertKind.Panic, bytes, null, (BigInteger)arguments[0], AbiError.Panic, arguments);
            }

            foreach (var error in customErrors ?? [])
            {
                if (error.Matches(bytes))
                {
                    return new RevertReason(RevertKind.CustomError, bytes, null, null, error, error.Decode(bytes));
                }
            }
        }
        catch (AbiException)
        {
            // A known selector over malformed data is reported as unrecognized, never as a half-decoded reason.
        }

        return new RevertReason(RevertKind.Unrecognized, bytes, null, null, null, null);
    }

    public static RevertReason Decode(ReadOnlySpan<byte> data, ContractAbi abi)
    {
        ArgumentNullException.ThrowIfNull(abi);
        return Decode(data, abi.Errors);
    }

    public override string ToString() => Description;
}
