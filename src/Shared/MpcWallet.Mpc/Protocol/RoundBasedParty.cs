using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Protocol;

/// <summary>
/// The envelope discipline shared by every protocol: session, round, sender and recipient checks, duplicate
/// rejection, buffering of next-round messages, the authenticated header inside every payload, and terminal aborts.
/// Subclasses only see decoded round inboxes and produce the next round's bodies.
/// </summary>
public abstract class RoundBasedParty<TOutput> : IProtocolParty<TOutput>
    where TOutput : class
{
    /// <summary>Header inside every payload: version, session id, round, sender, recipient (0 = broadcast).</summary>
    public const int HeaderLength = 1 + SessionId.Length + 3;
    private const byte WireVersion = 1;

    private readonly Dictionary<int, RoundInbox> _inboxes = [];
    private readonly int _roundCount;
    private ProtocolAbortException? _abort;
    private TOutput? _output;

    protected RoundBasedParty(SessionId sessionId, int self, IReadOnlyList<int> participants, int roundCount)
    {
        if (participants.Count < 2 || participants.Distinct().Count() != participants.Count)
        {
            throw new ArgumentException("need at least two distinct participants", nameof(participants));
        }

        if (participants.Any(p => p < 1 || p > KeyShares.KeyShare.MaxParties) || !participants.Contains(self))
        {
            throw new ArgumentException("participants must be indices 1..16 and include self", nameof(participants));
        }

        SessionId = sessionId;
        Self = self;
        Participants = participants.Order().ToArray();
        Others = Participants.Where(p => p != self).ToArray();
        _roundCount = roundCount;
    }

    public SessionId SessionId { get; }

    public int Self { get; }

    public IReadOnlyList<int> Participants { get; }

    /// <summary>Participants other than self, ascending.</summary>
    protected IReadOnlyList<int> Others { get; }

    public int Round { get; private set; }

    public bool IsComplete => _output is not null;

    public TOutput Output => _output ?? throw new InvalidOperationException("the protocol has not completed");

    public IReadOnlyList<ProtocolMessage> Start()
    {
        ThrowIfAborted();
        if (Round != 0)
        {
            throw new InvalidOperationException("already started");
        }

        Round = 1;
        return Guard(StartProtocol);
    }

    public IReadOnlyList<ProtocolMessage> Receive(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfAborted();
        ValidateEnvelope(message);
        var body = OpenHeader(message);
        var inbox = InboxFor(message.Round);
        if (!inbox.TryAdd(message.From, message.IsBroadcast, body))
        {
            throw new ProtocolMessageRejectedException($"duplicate round-{message.Round} message from party {message.From}");
        }

        var outbound = new List<ProtocolMessage>();
        while (!IsComplete && IsRoundComplete(Round))
        {
            var round = Round;
            var completed = InboxFor(round);

            // The messages CompleteRound builds belong to the next round, so Seal must already stamp that round.
            if (round < _roundCount)
            {
                Round = round + 1;
            }

            outbound.AddRange(Guard(() => CompleteRound(round, completed)));
            completed.Clear();
            _inboxes.Remove(round);
            if (round == _roundCount)
            {
                if (_output is null)
                {
                    Abort(Unexpected(new InvalidOperationException("the last round must set the output")));
                }

                break;
            }
        }

        return outbound;
    }

    protected abstract RoundShape ShapeOf(int round);

    /// <summary>
    /// Who sends this party a <paramref name="kind"/> message in <paramref name="round"/> (a round of that shape):
    /// every other participant unless a protocol's roles say otherwise (resharing: only dealers deal, only new
    /// holders confirm). A message from anyone else is rejected; a round nobody sends to this party is complete at once.
    /// </summary>
    protected virtual IReadOnlyCollection<int> SendersOf(int round, RoundShape kind) => Others;

    protected abstract IReadOnlyList<ProtocolMessage> StartProtocol();

    /// <summary>All messages of <paramref name="round"/> are in; returns round+1's messages (or sets the output).</summary>
    protected abstract IReadOnlyList<ProtocolMessage> CompleteRound(int round, RoundInbox inbox);

    /// <summary>Erase per-session secrets; called once when the party aborts or completes.</summary>
    protected abstract void EraseSecrets();

    protected void SetOutput(TOutput output)
    {
        _output = output;
        EraseSecrets();
    }

    protected ProtocolMessage Broadcast(byte[] body) => Seal(null, body);

    protected ProtocolMessage Direct(int to, byte[] body) => Seal(to, body);

    /// <summary>Decodes a sender's body; a decode failure is that sender's malformed message.</summary>
    protected static T DecodeFrom<T>(int sender, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (MpcDecodeException e)
        {
            throw new ProtocolAbortException(sender, AbortChecks.MalformedMessage, false, e.Message);
        }
    }

    private ProtocolMessage Seal(int? to, byte[] body)
    {
        var writer = new WireWriter(HeaderLength + body.Length);
        writer.WriteByte(WireVersion).WriteFixed(SessionId.Span).WriteByte((byte)Round).WriteByte((byte)Self).WriteByte((byte)(to ?? 0)).WriteFixed(body);
        // Direct bodies carry secrets (shares, seeds): leave no copy in the writer's pooled buffer.
        return new ProtocolMessage(SessionId, Round, Self, to, writer.ToArrayAndClear());
    }

    private void ValidateEnvelope(ProtocolMessage message)
    {
        if (message.SessionId != SessionId)
        {
            throw new ProtocolMessageRejectedException("message belongs to another session");
        }

        if (message.From == Self || !Participants.Contains(message.From))
        {
            throw new ProtocolMessageRejectedException($"party {message.From} is not a counterparty in this session");
        }

        if (message.To is { } to && to != Self)
        {
            throw new ProtocolMessageRejectedException($"message addressed to party {to}");
        }

        if (Round == 0 || IsComplete || message.Round < Round || message.Round > Math.Min(Round + 1, _roundCount))
        {
            throw new ProtocolMessageRejectedException($"round-{message.Round} message while in round {Round}");
        }

        var kind = message.IsBroadcast ? RoundShape.Broadcast : RoundShape.Direct;
        if (!ShapeOf(message.Round).HasFlag(kind))
        {
            throw new ProtocolMessageRejectedException($"round {message.Round} has no {kind} messages");
        }

        if (!SendersOf(message.Round, kind).Contains(message.From))
        {
            throw new ProtocolMessageRejectedException($"party {message.From} sends no round-{message.Round} {kind} message to party {Self}");
        }
    }

    // The header repeats the envelope inside the authenticated payload; a mismatch means the sender (or, without an
    // authenticated channel, a relay) altered it, which the engine must attribute to the claimed sender.
    private byte[] OpenHeader(ProtocolMessage message)
    {
        var payload = message.Payload;
        var matches = payload.Length >= HeaderLength
            && payload[0] == WireVersion
            && payload.AsSpan(1, SessionId.Length).SequenceEqual(SessionId.Span)
            && payload[1 + SessionId.Length] == message.Round
            && payload[2 + SessionId.Length] == message.From
            && payload[3 + SessionId.Length] == (message.To ?? 0);
        if (!matches)
        {
            Abort(new ProtocolAbortException(message.From, AbortChecks.MalformedMessage, false, "payload header does not match the envelope"));
        }

        return payload[HeaderLength..];
    }

    private bool IsRoundComplete(int round)
    {
        var shape = ShapeOf(round);
        var broadcasts = shape.HasFlag(RoundShape.Broadcast) ? SendersOf(round, RoundShape.Broadcast).Count : 0;
        var direct = shape.HasFlag(RoundShape.Direct) ? SendersOf(round, RoundShape.Direct).Count : 0;
        return InboxFor(round).IsComplete(broadcasts, direct);
    }

    private RoundInbox InboxFor(int round)
    {
        if (!_inboxes.TryGetValue(round, out var inbox))
        {
            inbox = new RoundInbox();
            _inboxes[round] = inbox;
        }

        return inbox;
    }

    // Every exception of a round is terminal: a check that failed (ProtocolAbortException) or anything else (a bug,
    // an exhausted resource, a throwing random source). Either way the round may have left secrets half-used and the
    // round counter already advanced, so the party erases its secrets and refuses every later call.
    private IReadOnlyList<ProtocolMessage> Guard(Func<IReadOnlyList<ProtocolMessage>> step)
    {
        try
        {
            return step();
        }
        catch (ProtocolAbortException e)
        {
            Abort(e);
            throw;
        }
        catch (Exception e)
        {
            Abort(Unexpected(e));
            throw;
        }
    }

    // No culprit and no ban: nothing says a peer caused it. The original exception stays the inner exception.
    private ProtocolAbortException Unexpected(Exception e) =>
        new(null, AbortChecks.InternalError, false, $"round {Round} failed unexpectedly ({e.GetType().Name}): {e.Message}", e);

    private void Abort(ProtocolAbortException abort)
    {
        _abort = abort;
        foreach (var inbox in _inboxes.Values)
        {
            inbox.Clear();
        }

        _inboxes.Clear();
        try
        {
            EraseSecrets();
        }
        finally
        {
            _output = null;
        }

        throw abort;
    }

    private void ThrowIfAborted()
    {
        if (_abort is not null)
        {
            throw _abort;
        }
    }
}
