using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// 256 random 1-of-2 OTs per ordered pair by Masny–Rindal Endemic OT (eprint 2019/706) in the secp256k1 group, with
/// real group operations and a hash into the group (the "Devious Transfer" lesson). Every hash binds the OT session
/// id, the OT index i and the branch j, so no pad can be replayed across OTs, branches, pairs or sessions.
/// <para>Roles: the base-OT receiver becomes the OT-extension SENDER (its choice bits are Δ), the base-OT sender the
/// extension RECEIVER (it keeps both seeds). The flip is intended.</para>
/// <para>All randomness is drawn on the calling thread first; the 256 independent OTs are then computed in parallel.</para>
/// </summary>
public static class BaseOt
{
    private const int Count = OtParameters.BaseOtCount;
    private const int SeedLength = OtParameters.SeedLength;

    /// <summary>Receiver, flight 1: pick choice bits c and exponents a; send (r_0, r_1) per OT.</summary>
    public static (BaseOtReceiverState State, BaseOtReceiverMessage Message) ReceiverStart(
        ReadOnlySpan<byte> otSessionId, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        RequireSessionId(otSessionId);
        var sid = otSessionId.ToArray();
        var choices = new byte[Count / 8];
        rng.Fill(choices);
        var exponents = new Scalar[Count];
        var otherExponents = new Scalar[Count];
        for (var i = 0; i < Count; i++)
        {
            exponents[i] = Scalar.Random(rng);
            otherExponents[i] = Scalar.Random(rng);
        }

        var r0 = new Point[Count];
        var r1 = new Point[Count];
        ParallelRanges.For(Count, (start, end) =>
        {
            var pair = new Point[2];
            var hashes = new Point[2];
            for (var i = start; i < end; i++)
            {
                var c = (choices[i / 8] >> (i % 8)) & 1;
                // r_{1−c}: a uniformly random group element.
                var other = Point.MultiplyGenerator(otherExponents[i]);
                // Both branch hashes, in fixed order, so the time spent does not depend on c.
                hashes[0] = HashToCurve.Hash(sid, i, 0, other);
                hashes[1] = HashToCurve.Hash(sid, i, 1, other);
                pair[c] = Point.MultiplyGenerator(exponents[i]) - hashes[c];
                pair[1 - c] = other;
                r0[i] = pair[0];
                r1[i] = pair[1];
            }

            Array.Clear(pair);
            Array.Clear(hashes);
        });

        Array.Clear(otherExponents);
        return (new BaseOtReceiverState(sid, choices, exponents), new BaseOtReceiverMessage(r0, r1));
    }

    /// <summary>
    /// Sender: answer with B_i = b_i·G and keep both pads ρ_{i,j} = H(sid, i, j, b_i·(r_j + H_G(sid, i, j, r_{1−j}))).
    /// The output is this party's OT-extension receiver state toward the receiver party.
    /// </summary>
    public static (OtExtensionReceiverSeeds Seeds, BaseOtSenderMessage Reply) SenderRespond(
        ReadOnlySpan<byte> otSessionId, BaseOtReceiverMessage msg, int receiverParty, IRandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(rng);
        RequireSessionId(otSessionId);
        var sid = otSessionId.ToArray();
        var exponents = new Scalar[Count];
        for (var i = 0; i < Count; i++)
        {
            exponents[i] = Scalar.Random(rng);
        }

        var seeds0 = new byte[Count * SeedLength];
        var seeds1 = new byte[Count * SeedLength];
        var replies = new Point[Count];
        var programmed = new bool[Count];
        ParallelRanges.For(Count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var r0 = msg.R0[i];
                var r1 = msg.R1[i];
                var m0 = r0 + HashToCurve.Hash(sid, i, 0, r1);
                var m1 = r1 + HashToCurve.Hash(sid, i, 1, r0);
                if (m0.IsIdentity || m1.IsIdentity)
                {
                    programmed[i] = true;
                    continue;
                }

                var b = exponents[i];
                replies[i] = Point.MultiplyGenerator(b);
                Pad(sid, i, 0, m0.Multiply(b), seeds0.AsSpan(i * SeedLength, SeedLength));
                Pad(sid, i, 1, m1.Multiply(b), seeds1.AsSpan(i * SeedLength, SeedLength));
            }
        });

        Array.Clear(exponents);
        var bad = Array.IndexOf(programmed, true);
        if (bad >= 0)
        {
            // Only a receiver that set r_j = −H_G(…) gets here; an honest one does so with probability ~2^-256.
            CryptographicOperations.ZeroMemory(seeds0);
            CryptographicOperations.ZeroMemory(seeds1);
            throw new ProtocolAbortException(receiverParty, AbortChecks.BaseOtMalformed, false,
                $"base-OT receiver message {bad} programs the identity");
        }

        return (new OtExtensionReceiverSeeds(seeds0, seeds1), new BaseOtSenderMessage(replies));
    }

    /// <summary>Sender, from the encoded receiver message: decoding failures abort naming the receiver.</summary>
    public static (OtExtensionReceiverSeeds Seeds, BaseOtSenderMessage Reply) SenderRespond(
        ReadOnlySpan<byte> otSessionId, ReadOnlySpan<byte> encodedMessage, int receiverParty, IRandomSource rng)
    {
        BaseOtReceiverMessage message;
        try
        {
            message = BaseOtReceiverMessage.Decode(encodedMessage);
        }
        catch (MpcDecodeException e)
        {
            throw new ProtocolAbortException(receiverParty, AbortChecks.BaseOtMalformed, false,
                $"malformed base-OT receiver message: {e.Message}");
        }

        return SenderRespond(otSessionId, message, receiverParty, rng);
    }

    /// <summary>
    /// Receiver, finish: ρ_{i,c_i} = H(sid, i, c_i, a_i·B_i). The output is this party's OT-extension sender state
    /// (Δ = the choice bits) toward the sender party. Consumes and erases <paramref name="state"/>.
    /// </summary>
    public static OtExtensionSenderSeeds ReceiverFinish(BaseOtReceiverState state, BaseOtSenderMessage reply, int senderParty)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(reply);
        state.Consume();
        var seeds = new byte[Count * SeedLength];
        var delta = state.Choices.ToArray();
        try
        {
            // The message type cannot hold the identity, so every a_i·B_i is a proper group element.
            ParallelRanges.For(Count, (start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    var c = (delta[i / 8] >> (i % 8)) & 1;
                    Pad(state.OtSessionId, i, c, reply.B[i].Multiply(state.Exponents[i]), seeds.AsSpan(i * SeedLength, SeedLength));
                }
            });
        }
        catch
        {
            CryptographicOperations.ZeroMemory(seeds);
            CryptographicOperations.ZeroMemory(delta);
            throw;
        }
        finally
        {
            state.Clear();
        }

        return new OtExtensionSenderSeeds(delta, seeds);
    }

    /// <summary>Receiver finish from the encoded reply: decoding failures abort naming the sender.</summary>
    public static OtExtensionSenderSeeds ReceiverFinish(BaseOtReceiverState state, ReadOnlySpan<byte> encodedReply, int senderParty)
    {
        ArgumentNullException.ThrowIfNull(state);
        BaseOtSenderMessage reply;
        try
        {
            reply = BaseOtSenderMessage.Decode(encodedReply);
        }
        catch (MpcDecodeException e)
        {
            state.Clear();
            throw new ProtocolAbortException(senderParty, AbortChecks.BaseOtMalformed, false,
                $"malformed base-OT sender reply: {e.Message}");
        }

        return ReceiverFinish(state, reply, senderParty);
    }

    private static void Pad(ReadOnlySpan<byte> otSessionId, int index, int branch, Point shared, Span<byte> destination)
    {
        using var transcript = new Transcript(HashTags.BaseOtPad);
        var digest = transcript.Append(otSessionId).Append(index).Append(branch).Append(shared).Finish();
        digest.CopyTo(destination);
        CryptographicOperations.ZeroMemory(digest);
    }

    private static void RequireSessionId(ReadOnlySpan<byte> otSessionId)
    {
        if (otSessionId.Length is < 16 or > 1024)
        {
            throw new ArgumentException("an OT session id has 16 to 1024 bytes", nameof(otSessionId));
        }
    }
}
