using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Reshare;
using MpcWallet.Mpc.Tests.Keygen;

namespace MpcWallet.Mpc.Tests.Reshare;

/// <summary>Runs a reshare tamper case against a fresh run of the fixture's reshare and checks every party's verdict.</summary>
internal static class ReshareTamperRun
{
    public static TolerantRunner.Outcome<ReshareResult> Execute(ReshareTamperFixture fixture, ReshareTamperCase tamper, int seed)
    {
        var session = KeygenHarness.Session(seed);
        byte[]? rewrittenDigest = null;
        return TolerantRunner.Run(fixture.Parties(session, seed), (message, recipient, sent) =>
        {
            if (message.From != tamper.Sender || (tamper.Targets is { } targets && !targets.Contains(recipient)))
            {
                return null;
            }

            var body = TamperContext.BodyOf(message);
            if (message.Round == tamper.Round && message.IsBroadcast != tamper.Direct)
            {
                body = tamper.Mutate(new TamperContext(body, recipient, sent));
            }
            else if (tamper.RewritesSessionDigest && message.Round > 1)
            {
                // A consistent liar: the sender adopts the session digest its (changed) R1 implies.
                rewrittenDigest ??= RecomputeDigest(fixture, session, sent, tamper);
                body = (byte[])body.Clone();
                rewrittenDigest.CopyTo(body, 0);
            }
            else
            {
                return null;
            }

            return [.. message.Payload[..TamperContext.HeaderLength], .. body];
        });
    }

    public static void AssertVerdicts(ReshareTamperCase tamper, TolerantRunner.Outcome<ReshareResult> outcome)
    {
        // Direct messages go to new holders only; broadcasts to everyone.
        var recipients = tamper.Direct ? ReshareTamperFixture.NewHolders : ReshareTamperFixture.Dealers.Union(ReshareTamperFixture.NewHolders);
        var detectors = tamper.Detectors ?? tamper.Targets ?? recipients.Where(p => p != tamper.Sender).ToArray();
        foreach (var party in detectors)
        {
            Assert.True(outcome.Aborts.TryGetValue(party, out var abort), $"party {party} did not abort; completed: [{string.Join(",", outcome.Outputs.Keys)}], aborts: [{string.Join("; ", outcome.Aborts.Select(a => $"{a.Key}: {a.Value.Message}"))}], rejections: [{string.Join("; ", outcome.Rejections.Select(r => r.Message))}], rounds: [{string.Join(",", outcome.Rounds.Select(r => $"{r.Key}:{r.Value}"))}]");
            Assert.False(abort.BanRecommended);
            Assert.True(tamper.Expected.Contains((abort.Check, abort.Culprit)), $"party {party}: {abort.Check} blaming {abort.Culprit?.ToString() ?? "nobody"} ({abort.Message})");
        }

        // Whatever else happened, no honest party blames another honest party, and nobody who detected completes.
        foreach (var (party, abort) in outcome.Aborts.Where(a => a.Key != tamper.Sender))
        {
            Assert.True(abort.Culprit is null || abort.Culprit == tamper.Sender, $"party {party} blamed party {abort.Culprit} ({abort.Check})");
        }
    }

    private static byte[] RecomputeDigest(ReshareTamperFixture fixture, SessionId session, IReadOnlyList<ProtocolMessage> sent, ReshareTamperCase tamper)
    {
        var commits = sent.Where(m => m.Round == 1).ToDictionary(m => m.From, m =>
        {
            var body = TamperContext.BodyOf(m);
            if (m.From == tamper.Sender)
            {
                body = tamper.Mutate(new TamperContext(body, 0, sent));
            }

            return ReshareCommitMessage.Decode(body, fixture.Roster.Deals(m.From));
        });
        return ReshareSessionDigest.Compute(session, fixture.Roster, ResharedKey.Of(fixture.Holdings[1]), commits);
    }
}
