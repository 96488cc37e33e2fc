using System.Text.Json;
using MpcWallet.Ethereum.Hashing;

namespace MpcWallet.Ethereum.Messages;

/// <summary>
/// An eth_signTypedData_v4 request ({types, primaryType, domain, message}) and its EIP-712 signing hash:
/// keccak256(0x19 0x01 || domainSeparator || hashStruct(primaryType, message)). The domain must match the declared
/// <c>EIP712Domain</c> type exactly (same field names; only name, version, chainId, verifyingContract, salt with
/// their standard types). Extra properties in the message are ignored, as MetaMask and ethers do.
/// </summary>
public sealed class TypedData
{
    public const string DomainTypeName = "EIP712Domain";

    private static readonly Dictionary<string, string> DomainFieldTypes = new(StringComparer.Ordinal)
    {
        ["name"] = "string",
        ["version"] = "string",
        ["chainId"] = "uint256",
        ["verifyingContract"] = "address",
        ["salt"] = "bytes32",
    };

    private TypedData(TypedDataTypes types, string primaryType, JsonElement domain, JsonElement message)
    {
        Types = types;
        PrimaryType = primaryType;
        Domain = domain;
        Message = message;
    }

    public TypedDataTypes Types { get; }

    public string PrimaryType { get; }

    public JsonElement Domain { get; }

    public JsonElement Message { get; }

    public static TypedData Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new TypedDataException("The typed data is not valid JSON: " + e.Message, e);
        }
    }

    /// <summary>Reads and validates the four parts; the elements are cloned, so the source document may be disposed.</summary>
    public static TypedData FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new TypedDataException("Typed data must be a JSON object with types, primaryType, domain and message.");
        }

        var types = TypedDataTypes.FromJson(Required(root, "types"));
        var primary = Required(root, "primaryType");
        if (primary.ValueKind != JsonValueKind.String)
        {
            throw new TypedDataException("'primaryType' must be a string.");
        }

        var primaryType = primary.GetString()!;
        if (!types.Contains(primaryType))
        {
            throw new TypedDataException($"The primary type '{primaryType}' is not defined in 'types'.");
        }

        if (!types.Contains(DomainTypeName))
        {
            throw new TypedDataException($"'types' must define {DomainTypeName}.");
        }

        var domain = Required(root, "domain");
        ValidateDomain(types, domain);
        var message = Required(root, "message");
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new TypedDataException("'message' must be a JSON object.");
        }

        var typedData = new TypedData(types, primaryType, domain.Clone(), message.Clone());

        // Encode once so that every value problem surfaces here, not at signing time.
        typedData.Hash();
        return typedData;
    }

    public byte[] DomainSeparator() => Types.HashStruct(DomainTypeName, Domain);

    public byte[] HashMessage() => Types.HashStruct(PrimaryType, Message);

    /// <summary>The digest to sign. When the primary type is the domain itself, the message hash is left out (EIP-712).</summary>
    public byte[] Hash() =>
        PrimaryType == DomainTypeName
            ? Keccak256.HashConcatenation([0x19, 0x01], DomainSeparator())
            : Keccak256.HashConcatenation([0x19, 0x01], DomainSeparator(), HashMessage());

    private static void ValidateDomain(TypedDataTypes types, JsonElement domain)
    {
        if (domain.ValueKind != JsonValueKind.Object)
        {
            throw new TypedDataException("'domain' must be a JSON object.");
        }

        var declared = types.Fields(DomainTypeName);
        foreach (var field in declared)
        {
            if (!DomainFieldTypes.TryGetValue(field.Name, out var expectedType) || expectedType != field.Type)
            {
                throw new TypedDataException(
                    $"{DomainTypeName} may only declare name (string), version (string), chainId (uint256), verifyingContract (address) and salt (bytes32); found '{field.Type} {field.Name}'.");
            }
        }

        var declaredNames = declared.Select(field => field.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var property in domain.EnumerateObject())
        {
            if (!declaredNames.Contains(property.Name))
            {
                throw new TypedDataException($"The domain has '{property.Name}', which {DomainTypeName} does not declare.");
            }
        }
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value
            : throw new TypedDataException($"Typed data needs '{name}'.");
}
