using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Ot;
using MpcWallet.Mpc.Tests.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests;

/// <summary>
/// The AVX2 paths (four-lane field, batched constant-time multipliers and square roots, four-way SHAKE256) and the
/// scalar paths a machine without AVX2 takes must be the same functions: with the same seeded randomness, every
/// message, seed, share and signature is byte-identical, and parties on different paths interoperate.
/// </summary>
public sealed class VectorPathTests
{
    /// <summary>
    /// The comparisons below mean something only if the two runs really take different paths: on an AVX2 machine the
    /// default is the vector path, and the scope turns it off here and in the tasks this flow starts, then restores it.
    /// </summary>
    [Fact]
    public async Task The_default_path_is_avx2_where_present_and_the_scope_forces_the_scalar_one()
    {
        Assert.Equal(System.Runtime.Intrinsics.X86.Avx2.IsSupported, VectorPaths.Enabled);
        using (VectorPaths.ScalarOnly())
        {
            Assert.False(VectorPaths.Enabled);
            Assert.False(await Task.Run(() => VectorPaths.Enabled));
            Assert.All(Enumerable.Range(0, 8).AsParallel().Select(_ => VectorPaths.Enabled), Assert.False);
        }

        Assert.Equal(System.Runtime.Intrinsics.X86.Avx2.IsSupported, VectorPaths.Enabled);
    }

    [Fact]
    public void Base_ot_is_byte_identical_on_both_paths_and_mixed_paths_agree()
    {
        var sid = BaseOtTests.Sid(71);
        var vector = RunBaseOt(sid, receiverScalar: false, senderScalar: false);
        var scalar = RunBaseOt(sid, receiverScalar: true, senderScalar: true);
        var mixed = RunBaseOt(sid, receiverScalar: true, senderScalar: false);
        var mixedOther = RunBaseOt(sid, receiverScalar: false, senderScalar: true);
        foreach (var other in new[] { scalar, mixed, mixedOther })
        {
            Assert.Equal(vector.Message, other.Message);
            Assert.Equal(vector.Reply, other.Reply);
            Assert.Equal(vector.ReceiverSeeds, other.ReceiverSeeds);
            Assert.Equal(vector.SenderSeeds0, other.SenderSeeds0);
            Assert.Equal(vector.SenderSeeds1, other.SenderSeeds1);
        }
    }

    [Fact]
    public void Rvole_is_byte_identical_on_both_paths()
    {
        var sid = BaseOtTests.Sid(72);
        var (alice, bob) = OtSeedDealer.Deal(new SeededRandomSource(720));
        var a0 = Scalar.FromUInt64(31337);
        var a1 = Scalar.FromUInt64(4242);
        var vector = RunRvole(sid, alice, bob, a0, a1, scalarOnly: false);
        var scalar = RunRvole(sid, alice, bob, a0, a1, scalarOnly: true);
        Assert.Equal(vector, scalar);
        Assert.Equal(a0 * vector.Chi, vector.C0 + vector.D0);
        Assert.Equal(a1 * vector.Chi, vector.C1 + vector.D1);
    }

    [Fact]
    public void Key_generation_and_signing_are_byte_identical_on_both_paths()
    {
        var vector = KeygenAndSign(scalarOnly: false);
        var scalar = KeygenAndSign(scalarOnly: true);
        Assert.Equal(vector.Shares.Count, scalar.Shares.Count);
        for (var i = 0; i < vector.Shares.Count; i++)
        {
            Assert.Equal(vector.Shares[i], scalar.Shares[i]);
        }

        Assert.Equal(vector.Signature, scalar.Signature);
    }

    private static (byte[] Message, byte[] Reply, byte[] ReceiverSeeds, byte[] SenderSeeds0, byte[] SenderSeeds1) RunBaseOt(
        byte[] sid, bool receiverScalar, bool senderScalar)
    {
        var receiverRandom = new SeededRandomSource(7101);
        var senderRandom = new SeededRandomSource(7102);
        BaseOtReceiverState state;
        byte[] message;
        using (receiverScalar ? VectorPaths.ScalarOnly() : null)
        {
            var (s, m) = BaseOt.ReceiverStart(sid, receiverRandom);
            state = s;
            message = m.Encode();
        }

        OtExtensionReceiverSeeds bob;
        byte[] reply;
        using (senderScalar ? VectorPaths.ScalarOnly() : null)
        {
            var (seeds, r) = BaseOt.SenderRespond(sid, message, 2, senderRandom);
            bob = seeds;
            reply = r.Encode();
        }

        using (receiverScalar ? VectorPaths.ScalarOnly() : null)
        {
            var alice = BaseOt.ReceiverFinish(state, reply, 5);
            return (message, reply, alice.Seeds.ToArray(), bob.Seeds0.ToArray(), bob.Seeds1.ToArray());
        }
    }

    private static (Scalar Chi, Scalar C0, Scalar C1, Scalar D0, Scalar D1, string Request, string Response) RunRvole(
        byte[] sid, OtExtensionSenderSeeds alice, OtExtensionReceiverSeeds bob, Scalar a0, Scalar a1, bool scalarOnly)
    {
        using var scope = scalarOnly ? VectorPaths.ScalarOnly() : null;
        var (state, request) = Rvole.ReceiverStart(sid, bob, new SeededRandomSource(7201));
        var requestBytes = request.Encode();
        var (c0, c1, response) = Rvole.SenderRespond(sid, alice, a0, a1, requestBytes, 2, new SeededRandomSource(7202));
        var responseBytes = response.Encode();
        var (chi, d0, d1) = Rvole.ReceiverFinish(state, responseBytes, 1);
        return (chi, c0, c1, d0, d1, Convert.ToHexString(requestBytes), Convert.ToHexString(responseBytes));
    }

    private static (List<byte[]> Shares, byte[] Signature) KeygenAndSign(bool scalarOnly)
    {
        using var scope = scalarOnly ? VectorPaths.ScalarOnly() : null;
        var shares = KeygenHarness.RunKeygen(2, 3, seed: 73);
        var ordered = shares.OrderBy(s => s.Key).Select(s => s.Value).ToArray();
        var digest = new byte[32];
        new SeededRandomSource(7301).Fill(digest);
        var signature = SigningHarness.Sign(ordered, [1, 3], digest, null, new SeededRandomSource(7302), shuffleSeed: 73);
        return (ordered.Select(s => s.Encode()).ToList(), signature.ToCompact());
    }
}
