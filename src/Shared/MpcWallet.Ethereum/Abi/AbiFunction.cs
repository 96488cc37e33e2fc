using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// A contract function: its signature "name(type1,…)", its 4-byte selector (the first bytes of Keccak-256 of the
/// signature), call-data encoding of arguments and strict decoding of call data and return data.
/// </summary>
public sealed class AbiFunction
{
    private readonly byte[] _selector;

    public AbiFunction(string name, IEnumerable<AbiParameter> inputs, IEnumerable<AbiParameter>? outputs = null, string stateMutability = "nonpayable")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        Name = name;
        Inputs = inputs.ToArray();
        Outputs = (outputs ?? []).ToArray();
        StateMutability = stateMutability is "pure" or "view" or "nonpayable" or "payable"
            ? stateMutability
            : throw new AbiException($"'{stateMutability}' is not a state mutability (pure, view, nonpayable, payable).");
        Signature = AbiSignatures.Of(name, Inputs);
        _selector = Keccak256.Hash(Encoding.ASCII.GetBytes(Signature))[..4];
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>pure, view, nonpayable or payable.</summary>
    public string StateMutability { get; }

    /// <summary>The canonical signature hashed for the selector, e.g. "transfer(address,uint256)".</summary>
    public string Signature { get; }

    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>The selector as 0x + 8 hex digits.</summary>
    public string SelectorHex => HexBytes.ToHex(_selector);

    /// <summary>
    /// Reads a function from a human-readable fragment ("transfer(address,uint256)",
    /// "function balanceOf(address) view returns (uint256)", "balanceOf(address)(uint256)") or from a JSON ABI item.
    /// </summary>
    public static AbiFunction Parse(string fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        return fragment.TrimStart().StartsWith('{')
            ? FromJson(AbiSignatures.ParseJson(fragment))
            : From(AbiSignatureParser.ParseFragment(fragment));
    }

    /// <summary>Reads a function from a JSON ABI item ({"type":"function","name":…,"inputs":[…],"outputs":[…]}).</summary>
    public static AbiFunction FromJson(JsonElement item) => From(AbiJsonReader.ReadItem(item));

    internal static AbiFunction From(AbiFragment fragment) =>
        fragment.Kind == "function"
            ? new AbiFunction(fragment.Name, fragment.Inputs, fragment.Outputs, fragment.StateMutability)
            : throw new AbiException($"Expected a function, found a {fragment.Kind}.");

    /// <summary>selector ‖ abi.encode(arguments). See <see cref="AbiEncoder"/> for the accepted value types.</summary>
    public byte[] EncodeCall(params object?[] arguments) => EncodeCall((IReadOnlyList<object?>)arguments);

    public byte[] EncodeCall(IReadOnlyList<object?> arguments) => [.. _selector, .. AbiEncoder.Encode(Inputs, arguments)];

    /// <summary>Call data from JSON arguments: an array (positional) or an object keyed by parameter name (see <see cref="AbiJsonValues"/>).</summary>
    public byte[] EncodeCallFromJson(JsonElement arguments) => EncodeCall(AbiJsonValues.FromJson(Inputs, arguments));

    /// <summary>Decodes call data (selector first) into the input values; refuses another selector and any non-canonical encoding.</summary>
    public IReadOnlyList<object> DecodeCall(ReadOnlySpan<byte> callData)
    {
        if (callData.Length < 4 || !callData[..4].SequenceEqual(_selector))
        {
            throw new AbiException($"The call data does not start with the selector {SelectorHex} of {Signature}.");
        }

        return AbiDecoder.Decode(Inputs, callData[4..]);
    }

    /// <summary>Decodes what the function returned (eth_call result) into the output values.</summary>
    public IReadOnlyList<object> DecodeOutput(ReadOnlySpan<byte> returnData) => AbiDecoder.Decode(Outputs, returnData);

    /// <summary>abi.encode of return values (what the contract would return), mostly for tests and simulations.</summary>
    public byte[] EncodeOutput(params object?[] values) => AbiEncoder.Encode(Outputs, values);

    public override string ToString() => Signature;
}
