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
            var length = end - start;
            // r_{1−c}: a uniformly random group element (its exponent is discarded).
            var projective = new ProjectivePoint[length];
            GeneratorTable.MultiplyBatch(otherExponents.AsSpan(start, length), projective);
            var others = Point.FromProjective(projective);
            var published = new ProjectivePoint[length];
            GeneratorTable.MultiplyBatch(exponents.AsSpan(start, length), published);
            // Both branch hashes of every OT, so the time spent does not depend on c; c picks by mask.
            var hashInputs = new (int, int, Point)[2 * length];
            for (var i = start; i < end; i++)
            {
                hashInputs[2 * (i - start)] = (i, 0, others[i - start]);
                hashInputs[(2 * (i - start)) + 1] = (i, 1, others[i - start]);
            }

            var hashes = new AffinePoint[2 * length];
            HashToCurve.HashAffineBatch(sid, hashInputs, hashes);
            for (var i = start; i < end; i++)
            {
                var choice = Limb.Mask(ChoiceBit(choices, i));
                var hashC = AffinePoint.Select(choice, hashes[(2 * (i - start)) + 1], hashes[2 * (i - start)]);
                projective[i - start] = ProjectivePoint.Add(published[i - start], hashC.Negate());
            }

            Array.Clear(published);
            var chosen = new AffinePoint[length];
            var identities = new ulong[length];
            ProjectivePoint.ToAffine(projective, chosen, identities);
            Array.Clear(projective);
            for (var i = start; i < end; i++)
            {
                var k = i - start;
                if (identities[k] != 0)
                {
                    // a_i·G = H_G(r_{1−c}): probability ~2^-256, and the message could not carry it.
                    throw new InvalidOperationException("base-OT receiver drew a degenerate exponent");
                }

                var choice = Limb.Mask(ChoiceBit(choices, i));
                var other = others[k].Affine;
                r0[i] = Point.FromAffine(AffinePoint.Select(choice, other, chosen[k]));
                r1[i] = Point.FromAffine(AffinePoint.Select(choice, chosen[k], other));
            }

            Array.Clear(chosen);
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
            var length = end - start;
            var bases = new ProjectivePoint[2 * length];
            var scalars = new Scalar[2 * length];
            var hashInputs = new (int, int, Point)[2 * length];
            for (var i = start; i < end; i++)
            {
                hashInputs[2 * (i - start)] = (i, 0, msg.R1[i]);
                hashInputs[(2 * (i - start)) + 1] = (i, 1, msg.R0[i]);
            }

            var hashes = new AffinePoint[2 * length];
            HashToCurve.HashAffineBatch(sid, hashInputs, hashes);
            for (var i = start; i < end; i++)
            {
                var k = i - start;
                var m0 = ProjectivePoint.Add(msg.R0[i].Projective, hashes[2 * k]);
                var m1 = ProjectivePoint.Add(msg.R1[i].Projective, hashes[(2 * k) + 1]);
                // A programmed m_j is refused below; its lanes still compute (on the identity), so the work is uniform.
                programmed[i] = m0.IsIdentityMask() != 0 || m1.IsIdentityMask() != 0;
                bases[2 * k] = m0;
                bases[(2 * k) + 1] = m1;
                scalars[2 * k] = exponents[i];
                scalars[(2 * k) + 1] = exponents[i];
            }

            var published = new ProjectivePoint[length];
            GeneratorTable.MultiplyBatch(exponents.AsSpan(start, length), published);
            var shared = new ProjectivePoint[2 * length];
            SecretScalarMultiplier.MultiplyBatch(bases, scalars, shared);
            Array.Clear(scalars);

            var replyPoints = Point.FromProjective(published);
            var sharedAffine = new AffinePoint[2 * length];
            var identities = new ulong[2 * length];
            ProjectivePoint.ToAffine(shared, sharedAffine, identities);
            Array.Clear(shared);
            for (var i = start; i < end; i++)
            {
                var k = i - start;
                if (programmed[i])
                {
                    continue;
                }

                replies[i] = replyPoints[k];
                Pad(sid, i, 0, sharedAffine[2 * k], seeds0.AsSpan(i * SeedLength, SeedLength));
                Pad(sid, i, 1, sharedAffine[(2 * k) + 1], seeds1.AsSpan(i * SeedLength, SeedLength));
            }

            Array.Clear(sharedAffine);
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
                var length = end - start;
                var bases = new ProjectivePoint[length];
                for (var i = start; i < end; i++)
                {
                    bases[i - start] = reply.B[i].Projective;
                }

                var shared = new ProjectivePoint[length];
                SecretScalarMultiplier.MultiplyBatch(bases, state.Exponents.AsSpan(start, length), shared);
                var sharedAffine = new AffinePoint[length];
                var identities = new ulong[length];
                ProjectivePoint.ToAffine(shared, sharedAffine, identities);
                Array.Clear(shared);
                for (var i = start; i < end; i++)
                {
                    Pad(state.OtSessionId, i, (int)ChoiceBit(delta, i), sharedAffine[i - start], seeds.AsSpan(i * SeedLength, SeedLength));
                }

                Array.Clear(sharedAffine);
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

    /// <summary>ρ = H(sid, i, j, P) over the compressed encoding of a secret point, built on the stack and wiped.</summary>
    private static void Pad(ReadOnlySpan<byte> otSessionId, int index, int branch, in AffinePoint shared, Span<byte> destination)
    {
        Span<byte> encoded = stackalloc byte[Point.EncodedLength];
        Point.WriteCompressed(shared, encoded);
        using var transcript = new Transcript(HashTags.BaseOtPad);
        var digest = transcript.Append(otSessionId).Append(index).Append(branch).Append(encoded).Finish();
        digest.CopyTo(destination);
        CryptographicOperations.ZeroMemory(digest);
        CryptographicOperations.ZeroMemory(encoded);
    }

    private static ulong ChoiceBit(ReadOnlySpan<byte> bits, int index) => (ulong)((bits[index / 8] >> (index % 8)) & 1);

    private static void RequireSessionId(ReadOnlySpan<byte> otSessionId)
    {
        if (otSessionId.Length is < 16 or > 1024)
        {
            throw new ArgumentException("an OT session id has 16 to 1024 bytes", nameof(otSessionId));
        }
    }
}
