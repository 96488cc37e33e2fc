using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// A contract event: topic 0 is Keccak-256 of its signature (absent when anonymous), each indexed parameter takes a
/// topic, the others are abi.encoded in the log data. An indexed parameter of a dynamic or composite type is only its
/// Keccak-256 hash in the topic, so it decodes to those 32 bytes.
/// </summary>
public sealed class AbiEvent
{
    private readonly byte[] _topic;

    public AbiEvent(string name, IEnumerable<AbiParameter> inputs, bool anonymous = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        Name = name;
        Inputs = inputs.ToArray();
        Anonymous = anonymous;
        var indexed = Inputs.Count(p => p.Indexed);
        if (indexed > (anonymous ? 4 : 3))
        {
            throw new AbiException($"Event {name} has {indexed} indexed parameters; at most {(anonymous ? 4 : 3)} fit in the topics.");
        }

        Signature = AbiSignatures.Of(name, Inputs);
        _topic = Keccak256.Hash(Encoding.ASCII.GetBytes(Signature));
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public bool Anonymous { get; }

    public string Signature { get; }

    /// <summary>Keccak-256 of the signature: topic 0 of a non-anonymous event's logs.</summary>
    public ReadOnlySpan<byte> Topic => _topic;

    public string TopicHex => HexBytes.ToHex(_topic);

    /// <summary>Reads "event Name(type indexed name, …) [anonymous]" (the keyword is optional) or a JSON ABI item of type "event".</summary>
    public static AbiEvent Parse(string fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        if (fragment.TrimStart().StartsWith('{'))
        {
            return FromJson(AbiSignatures.ParseJson(fragment));
        }

        return From(AbiSignatureParser.ParseFragment(fragment.TrimStart().StartsWith("event ", StringComparison.Ordinal) ? fragment : "event " + fragment));
    }

    public static AbiEvent FromJson(JsonElement item) => From(AbiJsonReader.ReadItem(item));

    internal static AbiEvent From(AbiFragment fragment) =>
        fragment.Kind == "event" ? new AbiEvent(fragment.Name, fragment.Inputs, fragment.Anonymous) : throw new AbiException($"Expected an event, found a {fragment.Kind}.");

    /// <summary>True when the log's topic 0 is this event's (never for an anonymous event).</summary>
    public bool Matches(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return !Anonymous && log.Topics.Count > 0 && string.Equals(log.Topics[0], TopicHex, StringComparison.OrdinalIgnoreCase);
    }

    public IReadOnlyList<object> DecodeLog(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return DecodeLog(log.Topics.Select(HexBytes.Parse).ToArray(), log.Data.Span);
    }

    /// <summary>Decodes a log into values in parameter order; topic 0 must match unless the event is anonymous.</summary>
    public IReadOnlyList<object> DecodeLog(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var indexed = Inputs.Where(p => p.Indexed).ToArray();
        var first = Anonymous ? 0 : 1;
        if (topics.Count != first + indexed.Length)
        {
            throw new AbiException($"{Signature} logs carry {first + indexed.Length} topics, this one has {topics.Count}.");
        }

        if (!Anonymous && !topics[0].AsSpan().SequenceEqual(_topic))
        {
            throw new AbiException($"Topic 0 is not the topic {TopicHex} of {Signature}.");
        }

        var dataValues = AbiDecoder.Decode(Inputs.Where(p => !p.Indexed).ToArray(), data);
        var values = new object[Inputs.Count];
        int nextTopic = first, nextData = 0;
        for (var i = 0; i < Inputs.Count; i++)
        {
            var parameter = Inputs[i];
            if (!parameter.Indexed)
            {
                values[i] = dataValues[nextData++];
                continue;
            }

            var topic = topics[nextTopic++];
            if (topic.Length != 32)
            {
                throw new AbiException($"A topic is 32 bytes, not {topic.Length}.");
            }

            values[i] = parameter.Type.IsDynamic || parameter.Type is AbiArrayType or AbiTupleType
                ? topic.ToArray()
                : AbiDecoder.Decode(parameter.Type, topic);
        }

        return values;
    }

    public override string ToString() => Signature;
}
