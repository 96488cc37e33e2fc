using System.Text.Json;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// A contract's whole JSON ABI (the compiler's "abi" array): its functions, custom errors, events and constructor.
/// Items of other types (fallback, receive) are kept out; unknown item types are refused.
/// </summary>
public sealed class ContractAbi
{
    private ContractAbi(IReadOnlyList<AbiFunction> functions, IReadOnlyList<AbiError> errors, IReadOnlyList<AbiEvent> events, IReadOnlyList<AbiParameter> constructorInputs)
    {
        Functions = functions;
        Errors = errors;
        Events = events;
        ConstructorInputs = constructorInputs;
    }

    public IReadOnlyList<AbiFunction> Functions { get; }

    public IReadOnlyList<AbiError> Errors { get; }

    public IReadOnlyList<AbiEvent> Events { get; }

    /// <summary>The constructor's parameters (empty when it has none or the ABI lists no constructor).</summary>
    public IReadOnlyList<AbiParameter> ConstructorInputs { get; }

    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(AbiSignatures.ParseJson(json));
    }

    /// <summary>Reads a JSON ABI array, or an object with an "abi" array (as solc --combined-json and Foundry artifacts write it).</summary>
    public static ContractAbi FromJson(JsonElement abi)
    {
        if (abi.ValueKind == JsonValueKind.Object && abi.TryGetProperty("abi", out var inner))
        {
            abi = inner;
        }

        if (abi.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException("A contract ABI is a JSON array of items.");
        }

        var functions = new List<AbiFunction>();
        var errors = new List<AbiError>();
        var events = new List<AbiEvent>();
        IReadOnlyList<AbiParameter> constructor = [];
        foreach (var item in abi.EnumerateArray())
        {
            var fragment = AbiJsonReader.ReadItem(item);
            switch (fragment.Kind)
            {
                case "function":
                    functions.Add(AbiFunction.From(fragment));
                    break;
                case "error":
                    errors.Add(AbiError.From(fragment));
                    break;
                case "event":
                    events.Add(AbiEvent.From(fragment));
                    break;
                case "constructor":
                    constructor = fragment.Inputs;
                    break;
                case "fallback" or "receive":
                    break;
                default:
                    throw new AbiException($"'{fragment.Kind}' is not an ABI item type.");
            }
        }

        return new ContractAbi(functions, errors, events, constructor);
    }

    /// <summary>
    /// The function with this name, or with this exact signature ("transfer(address,uint256)"). A name shared by
    /// overloads is ambiguous: give the signature.
    /// </summary>
    public AbiFunction Function(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        var matches = Functions.Where(f => f.Signature == nameOrSignature || f.Name == nameOrSignature).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new AbiException($"The ABI has no function '{nameOrSignature}'."),
            _ => throw new AbiException($"'{nameOrSignature}' is overloaded ({string.Join(", ", matches.Select(m => m.Signature))}); give the signature."),
        };
    }

    public AbiEvent Event(string nameOrSignature)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        var matches = Events.Where(e => e.Signature == nameOrSignature || e.Name == nameOrSignature).ToArray();
        return matches.Length == 1
            ? matches[0]
            : throw new AbiException(matches.Length == 0 ? $"The ABI has no event '{nameOrSignature}'." : $"'{nameOrSignature}' is overloaded; give the signature.");
    }

    /// <summary>The custom error whose selector starts <paramref name="revertData"/>, if the ABI declares one.</summary>
    public AbiError? FindError(ReadOnlySpan<byte> revertData)
    {
        foreach (var error in Errors)
        {
            if (error.Matches(revertData))
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Creation data: the contract's init code followed by abi.encode of the constructor arguments.</summary>
    public byte[] EncodeDeployment(ReadOnlySpan<byte> initCode, params object?[] constructorArguments) =>
        [.. initCode, .. AbiEncoder.Encode(ConstructorInputs, constructorArguments)];
}
