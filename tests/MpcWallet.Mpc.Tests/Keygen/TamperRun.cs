using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Tests.Keygen;

/// <summary>Runs a tamper case against a fresh 2-of-3 key generation or refresh and checks every party's verdict.</summary>
internal static class TamperRun
{
    public static TolerantRunner.Outcome<KeyShare> Execute(TamperCase tamper, Func<SessionId, IReadOnlyList<IProtocolParty<KeyShare>>> create, int seed)
    {
        var session = KeygenHarness.Session(seed);
        var targets = tamper.Targets ?? [1, 3];
        byte[]? rewrittenDigest = null;
        return TolerantRunner.Run(create(session), (message, recipient, sent) =>
        {
            if (message.From != TamperCase.Sender || !targets.Contains(recipient))
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
                // A consistent liar: the sender adopts the session digest its (changed) K1 implies.
                rewrittenDigest ??= RecomputeDigest(session, sent, tamper);
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

    public static void AssertVerdicts(TamperCase tamper, TolerantRunner.Outcome<KeyShare> outcome)
    {
        var detectors = tamper.Detectors ?? tamper.Targets ?? [1, 3];
        foreach (var party in detectors)
        {
            Assert.True(outcome.Aborts.TryGetValue(party, out var abort), $"party {party} did not abort; completed: [{string.Join(",", outcome.Outputs.Keys)}], aborts: [{string.Join("; ", outcome.Aborts.Select(a => $"{a.Key}: {a.Value.Message}"))}], rejections: [{string.Join("; ", outcome.Rejections.Select(r => r.Message))}], rounds: [{string.Join(",", outcome.Rounds.Select(r => $"{r.Key}:{r.Value}"))}], dropped {outcome.Dropped}, sent {outcome.Sent.Count}");
            Assert.False(abort.BanRecommended);
            Assert.Contains((abort.Check, abort.Culprit), tamper.Expected);
        }

        // Whatever else happened, no honest party blames another honest party.
        foreach (var (party, abort) in outcome.Aborts.Where(a => a.Key != TamperCase.Sender))
        {
            Assert.True(abort.Culprit is null or TamperCase.Sender, $"party {party} blamed party {abort.Culprit} ({abort.Check})");
        }
    }

    private static byte[] RecomputeDigest(SessionId session, IReadOnlyList<ProtocolMessage> sent, TamperCase tamper)
    {
        var commits = sent.Where(m => m.Round == 1).OrderBy(m => m.From).Select(m =>
        {
            var body = TamperContext.BodyOf(m);
            if (m.From == TamperCase.Sender)
            {
                body = tamper.Mutate(new TamperContext(body, 1, sent));
            }

            return DkgCommitMessage.Decode(body);
        }).ToArray();
        return DkgSessionDigest.Compute(session, 2, 3, refreshed: null, commits);
    }
}
