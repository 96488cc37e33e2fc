using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>
/// Runs signing parties like <see cref="Support.ProtocolRunner"/> but keeps going when a party aborts: every abort is
/// recorded per party and that party receives nothing more. Lets tests assert who blamed whom, and that no honest
/// party banned another honest party.
/// </summary>
internal sealed class AbortCollectingRunner
{
    public Dictionary<int, PartialSignature> Outputs { get; } = [];

    public Dictionary<int, ProtocolAbortException> Aborts { get; } = [];

    public List<(int Recipient, ProtocolMessageRejectedException Rejection)> Rejections { get; } = [];

    /// <param name="onSend">Sees every (message, recipient) when it is sent, before anything is delivered.</param>
    public static AbortCollectingRunner Run(
        IReadOnlyList<SigningParty> parties, Support.ProtocolRunner.Interceptor? intercept = null, Action<ProtocolMessage, int>? onSend = null)
    {
        var runner = new AbortCollectingRunner();
        var byId = parties.ToDictionary(p => p.Self);
        var pending = new Queue<(ProtocolMessage Message, int Recipient)>();

        void Enqueue(IEnumerable<ProtocolMessage> messages)
        {
            foreach (var message in messages)
            {
                var recipients = message.To is { } to ? [to] : byId.Keys.Where(id => id != message.From);
                foreach (var recipient in recipients)
                {
                    onSend?.Invoke(message, recipient);
                    pending.Enqueue((message, recipient));
                }
            }
        }

        foreach (var party in parties)
        {
            Enqueue(party.Start());
        }

        while (pending.Count > 0)
        {
            var (message, recipient) = pending.Dequeue();
            if (runner.Aborts.ContainsKey(recipient))
            {
                continue;
            }

            var delivered = intercept is null ? message : intercept(message, recipient);
            if (delivered is null)
            {
                continue;
            }

            try
            {
                Enqueue(byId[recipient].Receive(delivered));
            }
            catch (ProtocolAbortException abort)
            {
                runner.Aborts[recipient] = abort;
            }
            catch (ProtocolMessageRejectedException rejection)
            {
                runner.Rejections.Add((recipient, rejection));
            }
        }

        foreach (var party in parties.Where(p => p.IsComplete))
        {
            runner.Outputs[party.Self] = party.Output;
        }

        return runner;
    }
}
