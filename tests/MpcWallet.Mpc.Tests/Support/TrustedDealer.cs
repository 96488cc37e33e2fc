using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Tests.Support;

/// <summary>
/// Test-only trusted dealer (like 0xCarbon's re_key): Shamir-splits a given or random key among n parties and builds
/// complete key shares — real base OTs for every ordered pair (run in process), fresh zero-share seeds and a chain
/// code — so signing can be tested with a known key. Never use outside tests: the dealer sees the whole key.
/// </summary>
internal static class TrustedDealer
{
    public static KeyShare[] Deal(
        int threshold,
        int partyCount,
        IRandomSource random,
        Scalar? secretKey = null,
        byte[]? chainCode = null,
        uint generation = 0,
        byte[]? keyId = null)
    {
        var secret = secretKey ?? Scalar.Random(random);
        var coefficients = new Scalar[threshold];
        coefficients[0] = secret;
        for (var k = 1; k < threshold; k++)
        {
            coefficients[k] = Scalar.Random(random);
        }

        var shares = new Scalar[partyCount + 1];
        var publicShares = new Point[partyCount];
        for (var i = 1; i <= partyCount; i++)
        {
            // Horner: f(i) = a_0 + i·(a_1 + i·(…)).
            var x = Scalar.FromUInt64((ulong)i);
            var value = Scalar.Zero;
            for (var k = threshold - 1; k >= 0; k--)
            {
                value = (value * x) + coefficients[k];
            }

            shares[i] = value;
            publicShares[i - 1] = Point.MultiplyGenerator(value);
        }

        var id = keyId ?? RandomBytes(random, 32);
        var code = chainCode ?? RandomBytes(random, 32);
        var zeroSeeds = new Dictionary<(int, int), byte[]>();
        var senderSeeds = new Dictionary<(int Alice, int Bob), OtExtensionSenderSeeds>();
        var receiverSeeds = new Dictionary<(int Alice, int Bob), OtExtensionReceiverSeeds>();
        for (var a = 1; a <= partyCount; a++)
        {
            for (var b = 1; b <= partyCount; b++)
            {
                if (a == b)
                {
                    continue;
                }

                if (a < b)
                {
                    zeroSeeds[(a, b)] = RandomBytes(random, 32);
                }

                // Alice a will be the extension sender, so she is the base-OT receiver; Bob b the base-OT sender.
                var otSessionId = RandomBytes(random, 32);
                var (state, request) = BaseOt.ReceiverStart(otSessionId, random);
                var (bobSeeds, reply) = BaseOt.SenderRespond(otSessionId, request, a, random);
                senderSeeds[(a, b)] = BaseOt.ReceiverFinish(state, reply, b);
                receiverSeeds[(a, b)] = bobSeeds;
            }
        }

        var result = new KeyShare[partyCount];
        for (var i = 1; i <= partyCount; i++)
        {
            var pairwise = Enumerable.Range(1, partyCount).Where(j => j != i).Select(j => new PairwiseKeyMaterial(
                j,
                (byte[])zeroSeeds[(Math.Min(i, j), Math.Max(i, j))].Clone(),
                senderSeeds[(i, j)],
                receiverSeeds[(j, i)])).ToArray();
            result[i - 1] = new KeyShare(threshold, partyCount, i, generation, (byte[])id.Clone(), shares[i],
                Point.MultiplyGenerator(secret), publicShares, (byte[])code.Clone(), pairwise);
        }

        return result;
    }

    private static byte[] RandomBytes(IRandomSource random, int length)
    {
        var bytes = new byte[length];
        random.Fill(bytes);
        return bytes;
    }
}
