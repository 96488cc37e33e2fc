using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// A Solidity error (custom error, or the built-in Error(string) and Panic(uint256)): revert data is its selector
/// followed by abi.encode of its arguments, exactly like a call.
/// </summary>
public sealed class AbiError
{
    private readonly byte[] _selector;

    public AbiError(string name, IEnumerable<AbiParameter> inputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        Name = name;
        Inputs = inputs.ToArray();
        Signature = AbiSignatures.Of(name, Inputs);
        _selector = Keccak256.Hash(Encoding.ASCII.GetBytes(Signature))[..4];
    }

    /// <summary>Error(string): what require(cond, "reason") and revert("reason") raise. Selector 0x08c379a0.</summary>
    public static AbiError ErrorString { get; } = new("Error", [new AbiParameter("message", AbiStringType.Instance)]);

    /// <summary>Panic(uint256): what failing assert, overflow, division by zero … raise. Selector 0x4e487b71.</summary>
    public static AbiError Panic { get; } = new("Panic", [new AbiParameter("code", AbiIntegerType.UInt256)]);

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public string Signature { get; }

    public ReadOnlySpan<byte> Selector => _selector;

    public string SelectorHex => HexBytes.ToHex(_selector);

    /// <summary>Reads "error Name(type name, …)" (the "error" keyword is optional) or a JSON ABI item of type "error".</summary>
    public static AbiError Parse(string fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        if (fragment.TrimStart().StartsWith('{'))
        {
            return FromJson(AbiSignatures.ParseJson(fragment));
        }

        var parsed = AbiSignatureParser.ParseFragment(fragment.TrimStart().StartsWith("error ", StringComparison.Ordinal) ? fragment : "error " + fragment);
        return From(parsed);
    }

    public static AbiError FromJson(JsonElement item) => From(AbiJsonReader.ReadItem(item));

    internal static AbiError From(AbiFragment fragment) =>
        fragment.Kind == "error" ? new AbiError(fragment.Name, fragment.Inputs) : throw new AbiException($"Expected an error, found a {fragment.Kind}.");

    /// <summary>selector ‖ abi.encode(arguments): the revert data a contract would produce.</summary>
    public byte[] Encode(params object?[] arguments) => [.. _selector, .. AbiEncoder.Encode(Inputs, arguments)];

    /// <summary>True when <paramref name="revertData"/> starts with this error's selector.</summary>
    public bool Matches(ReadOnlySpan<byte> revertData) => revertData.Length >= 4 && revertData[..4].SequenceEqual(_selector);

    /// <summary>Decodes revert data of this error (selector first) strictly into its argument values.</summary>
    public IReadOnlyList<object> Decode(ReadOnlySpan<byte> revertData) =>
        Matches(revertData)
            ? AbiDecoder.Decode(Inputs, revertData[4..])
            : throw new AbiException($"The data does not start with the selector {SelectorHex} of {Signature}.");

    public override string ToString() => Signature;
}
