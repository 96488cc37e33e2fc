using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Multiplication;

/// <summary>
/// Two-party random vector OLE (DKLs23 Protocol 5.2, with the two typos noted by Trail of Bits fixed): Alice inputs
/// (a0, a1), Bob obtains a random χ, and they end with additive shares c_k + d_k = a_k·χ. Bob is the OT-extension
/// receiver (choice bits β), Alice the extension sender. A check element η and the digest μ make a cheating Alice
/// detectable; the extension check makes a cheating Bob detectable. Both failures recommend a ban.
/// </summary>
public static class Rvole
{
    private const int Rows = RvoleConstants.Rows;
    private const int Width = RvoleConstants.Width;

    /// <summary>Bob, flight 1: fresh β, χ = ⟨g, β⟩, and the extension message for choices β ‖ 128 random bits.</summary>
    public static (RvoleReceiverState State, RvoleRequest Request) ReceiverStart(
        ReadOnlySpan<byte> sid, OtExtensionReceiverSeeds seeds, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(rng);
        RequireSessionId(sid);
        var choices = new byte[OtExtension.ColumnBytes];
        rng.Fill(choices);
        var beta = choices.AsSpan(0, Rows / 8).ToArray();
        var pads = new Scalar[Rows * Width];
        OtExtensionMessage extension;
        try
        {
            var (rows, message) = OtExtension.Receive(sid, seeds, choices);
            extension = message;
            using (rows)
            {
                OtRowPads.Receiver(OtRowPads.Prefix(sid), rows, Rows, pads);
            }
        }
        finally
        {
            // x = β ‖ 128 padding bits: the padding bits are never needed again, β is kept (copied) in the state.
            CryptographicOperations.ZeroMemory(choices);
        }

        var gadget = RvoleGadget.Compute(sid);
        var chi = Scalar.Zero;
        for (var l = 0; l < Rows; l++)
        {
            chi += gadget[l] * Bit(beta, l);
        }

        return (new RvoleReceiverState(sid.ToArray(), beta, pads, gadget, chi), new RvoleRequest(extension));
    }

    /// <summary>
    /// Alice: verify Bob's extension message (ban Bob on failure), then answer. Returns her shares (c0, c1) with
    /// c_k = −Σ_l g_l·α0_{l,k}.
    /// </summary>
    public static (Scalar C0, Scalar C1, RvoleResponse Response) SenderRespond(
        ReadOnlySpan<byte> sid, OtExtensionSenderSeeds seeds, Scalar a0, Scalar a1, RvoleRequest request, int receiverParty, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rng);
        RequireSessionId(sid);
        var pads0 = new Scalar[Rows * Width];
        var pads1 = new Scalar[Rows * Width];
        var muInput = new byte[Rows * Scalar.EncodedLength];
        var eta = Scalar.Random(rng);
        try
        {
            using (var rows = OtExtension.Send(sid, seeds, request.Extension, receiverParty))
            {
                OtRowPads.Sender(OtRowPads.Prefix(sid), rows, seeds.Delta, Rows, pads0, pads1);
            }

            var corrections = new Scalar[Rows * Width];
            var encoding = new byte[RvoleResponse.CorrectionLength];
            ParallelRanges.For(Rows, (start, end) =>
            {
                for (var l = start; l < end; l++)
                {
                    var i = l * Width;
                    corrections[i] = pads0[i] - pads1[i] + a0;
                    corrections[i + 1] = pads0[i + 1] - pads1[i + 1] + a1;
                    corrections[i + 2] = pads0[i + 2] - pads1[i + 2] + eta;
                    for (var k = i; k < i + Width; k++)
                    {
                        corrections[k].WriteTo(encoding.AsSpan(k * Scalar.EncodedLength, Scalar.EncodedLength));
                    }
                }
            });

            var (theta0, theta1) = Theta(sid, encoding);
            var etaPrime = eta + (theta0 * a0) + (theta1 * a1);
            var gadget = RvoleGadget.Compute(sid);
            var partials = new Scalar[2 * Environment.ProcessorCount];
            var chunkCount = 0;
            ParallelRanges.For(Rows, (start, end) =>
            {
                Scalar sum0 = Scalar.Zero, sum1 = Scalar.Zero;
                for (var l = start; l < end; l++)
                {
                    var i = l * Width;
                    sum0 += gadget[l] * pads0[i];
                    sum1 += gadget[l] * pads0[i + 1];
                    var term = (theta0 * pads0[i]) + (theta1 * pads0[i + 1]) + pads0[i + 2];
                    term.WriteTo(muInput.AsSpan(l * Scalar.EncodedLength, Scalar.EncodedLength));
                }

                var slot = Interlocked.Increment(ref chunkCount) - 1;
                partials[2 * slot] = sum0;
                partials[(2 * slot) + 1] = sum1;
            });

            Scalar c0 = Scalar.Zero, c1 = Scalar.Zero;
            for (var slot = 0; slot < chunkCount; slot++)
            {
                c0 -= partials[2 * slot];
                c1 -= partials[(2 * slot) + 1];
            }

            Array.Clear(partials);
            var mu = Mu(sid, muInput);
            return (c0, c1, new RvoleResponse(corrections, encoding, etaPrime, mu));
        }
        finally
        {
            Array.Clear(pads0);
            Array.Clear(pads1);
            CryptographicOperations.ZeroMemory(muInput);
            eta = default;
        }
    }

    /// <summary>Alice, from the encoded request: a wrong length aborts naming Bob (no ban: nothing secret was used).</summary>
    public static (Scalar C0, Scalar C1, RvoleResponse Response) SenderRespond(
        ReadOnlySpan<byte> sid, OtExtensionSenderSeeds seeds, Scalar a0, Scalar a1, ReadOnlySpan<byte> encodedRequest, int receiverParty, IRandomSource rng)
    {
        RvoleRequest request;
        try
        {
            request = RvoleRequest.Decode(encodedRequest);
        }
        catch (MpcDecodeException e)
        {
            throw new ProtocolAbortException(receiverParty, AbortChecks.RvoleMalformed, false, $"malformed RVOLE request: {e.Message}");
        }

        return SenderRespond(sid, seeds, a0, a1, request, receiverParty, rng);
    }

    /// <summary>
    /// Bob, finish: z_l = γ_l + β_l·ã_l, d_k = Σ_l g_l·z_{l,k}; verifies μ (ban Alice on mismatch). Returns (χ, d0, d1)
    /// with c_k + d_k = a_k·χ. Consumes and erases <paramref name="state"/>.
    /// </summary>
    public static (Scalar Chi, Scalar D0, Scalar D1) ReceiverFinish(RvoleReceiverState state, RvoleResponse response, int senderParty)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(response);
        state.Consume();
        var muInput = new byte[Rows * Scalar.EncodedLength];
        try
        {
            var sid = state.SessionId;
            var (theta0, theta1) = Theta(sid, response.CorrectionEncoding);
            var pads = state.Pads;
            var corrections = response.Corrections;
            var gadget = state.Gadget;
            var choices = state.Choices;
            var etaPrime = response.EtaPrime;
            var partials = new Scalar[2 * Environment.ProcessorCount];
            var chunkCount = 0;
            ParallelRanges.For(Rows, (start, end) =>
            {
                Scalar sum0 = Scalar.Zero, sum1 = Scalar.Zero;
                for (var l = start; l < end; l++)
                {
                    var i = l * Width;
                    var beta = Bit(choices, l);
                    var z0 = pads[i] + (beta * corrections[i]);
                    var z1 = pads[i + 1] + (beta * corrections[i + 1]);
                    var z2 = pads[i + 2] + (beta * corrections[i + 2]);
                    sum0 += gadget[l] * z0;
                    sum1 += gadget[l] * z1;
                    var term = (theta0 * z0) + (theta1 * z1) + z2 - (beta * etaPrime);
                    term.WriteTo(muInput.AsSpan(l * Scalar.EncodedLength, Scalar.EncodedLength));
                }

                var slot = Interlocked.Increment(ref chunkCount) - 1;
                partials[2 * slot] = sum0;
                partials[(2 * slot) + 1] = sum1;
            });

            Scalar d0 = Scalar.Zero, d1 = Scalar.Zero;
            for (var slot = 0; slot < chunkCount; slot++)
            {
                d0 += partials[2 * slot];
                d1 += partials[(2 * slot) + 1];
            }

            Array.Clear(partials);
            var expected = Mu(sid, muInput);
            if (!CryptographicOperations.FixedTimeEquals(expected, response.Mu))
            {
                throw new ProtocolAbortException(senderParty, AbortChecks.RvoleMu, true,
                    "RVOLE check value μ does not match; the sender must be banned");
            }

            return (state.Chi, d0, d1);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(muInput);
            state.Clear();
        }
    }

    /// <summary>Bob, finish from the encoded response: malformed bytes abort naming Alice.</summary>
    public static (Scalar Chi, Scalar D0, Scalar D1) ReceiverFinish(RvoleReceiverState state, ReadOnlySpan<byte> encodedResponse, int senderParty)
    {
        ArgumentNullException.ThrowIfNull(state);
        RvoleResponse response;
        try
        {
            response = RvoleResponse.Decode(encodedResponse);
        }
        catch (MpcDecodeException e)
        {
            state.Clear();
            throw new ProtocolAbortException(senderParty, AbortChecks.RvoleMalformed, false, $"malformed RVOLE response: {e.Message}");
        }

        return ReceiverFinish(state, response, senderParty);
    }

    /// <summary>(θ0, θ1) = H(tag, sid, ã) as two scalars from 64 bytes each.</summary>
    internal static (Scalar Theta0, Scalar Theta1) Theta(ReadOnlySpan<byte> sid, ReadOnlySpan<byte> correctionEncoding)
    {
        using var transcript = new Transcript(HashTags.RvoleTheta);
        var digest = transcript.Append(sid).Append(correctionEncoding).Finish();
        Span<byte> wide = stackalloc byte[128];
        Transcript.Expand(digest, wide);
        return (Scalar.FromBytesReduced(wide[..64]), Scalar.FromBytesReduced(wide[64..]));
    }

    internal static byte[] Mu(ReadOnlySpan<byte> sid, ReadOnlySpan<byte> terms)
    {
        using var transcript = new Transcript(HashTags.RvoleMu);
        return transcript.Append(sid).Append(terms).Finish();
    }

    /// <summary>Bit l of β as the scalar 0 or 1, without a branch or a secret-indexed load.</summary>
    private static Scalar Bit(byte[] bits, int l) => Scalar.FromUInt64((ulong)((bits[l / 8] >> (l % 8)) & 1));

    private static void RequireSessionId(ReadOnlySpan<byte> sid)
    {
        if (sid.Length is < 16 or > 1024)
        {
            throw new ArgumentException("an RVOLE session id has 16 to 1024 bytes", nameof(sid));
        }
    }
}
