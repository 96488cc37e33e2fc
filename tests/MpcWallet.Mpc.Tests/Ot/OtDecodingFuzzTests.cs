using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Ot;

/// <summary>
/// Random and mutated inputs to every OT-layer decoder: decoding either succeeds or throws
/// <see cref="MpcDecodeException"/> — never another exception type (TOB-SILA-3: nothing a peer sends may crash us).
/// </summary>
public sealed class OtDecodingFuzzTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Base_ot_receiver_message_decoder_only_throws_decode_errors()
    {
        var random = new SeededRandomSource(50);
        var (_, message) = BaseOt.ReceiverStart(BaseOtTests.Sid(50), random);
        Fuzz(message.Encode(), BaseOtReceiverMessage.EncodedLength, bytes => BaseOtReceiverMessage.Decode(bytes), 50, pointStride: Point.EncodedLength);
    }

    [Fact]
    public void Base_ot_sender_message_decoder_only_throws_decode_errors()
    {
        var random = new SeededRandomSource(51);
        var sid = BaseOtTests.Sid(51);
        var (_, message) = BaseOt.ReceiverStart(sid, random);
        var (_, reply) = BaseOt.SenderRespond(sid, message, 1, random);
        Fuzz(reply.Encode(), BaseOtSenderMessage.EncodedLength, bytes => BaseOtSenderMessage.Decode(bytes), 51, pointStride: Point.EncodedLength);
    }

    [Fact]
    public void Rvole_request_decoder_only_throws_decode_errors()
    {
        var random = new SeededRandomSource(52);
        var (_, bob) = OtSeedDealer.Deal(random);
        var (_, request) = Rvole.ReceiverStart(BaseOtTests.Sid(52), bob, random);
        Fuzz(request.Encode(), RvoleRequest.EncodedLength, bytes => RvoleRequest.Decode(bytes), 52, pointStride: 0);
    }

    [Fact]
    public void Rvole_response_decoder_only_throws_decode_errors()
    {
        var random = new SeededRandomSource(53);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(53);
        var (_, request) = Rvole.ReceiverStart(sid, bob, random);
        var (_, _, response) = Rvole.SenderRespond(sid, alice, Scalar.One, Scalar.One, request, 1, random);
        Fuzz(response.Encode(), RvoleResponse.EncodedLength, bytes => RvoleResponse.Decode(bytes), 53, pointStride: 0);
    }

    [Fact]
    public void Rvole_response_decoder_rejects_every_out_of_range_scalar_position()
    {
        var random = new SeededRandomSource(54);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(54);
        var (_, request) = Rvole.ReceiverStart(sid, bob, random);
        var (_, _, response) = Rvole.SenderRespond(sid, alice, Scalar.One, Scalar.One, request, 1, random);
        var encoded = response.Encode();
        var q = Secp256k1.OrderNumerics.ToByteArray(isUnsigned: true, isBigEndian: true);
        for (var index = 0; index <= RvoleResponse.CorrectionCount; index++)
        {
            var bytes = (byte[])encoded.Clone();
            q.CopyTo(bytes, index * Scalar.EncodedLength);
            Assert.Throws<MpcDecodeException>(() => RvoleResponse.Decode(bytes));
        }
    }

    /// <summary>
    /// Half random byte strings (lengths around and at the exact size), half mutations of a valid encoding (byte flips,
    /// truncation, extension, whole points replaced by garbage). For point messages the mutations hit the first four
    /// points, so a rejected mutation is cheap; an accepted one (e.g. the y-parity bit) still decodes every point.
    /// </summary>
    private static void Fuzz(byte[] valid, int exactLength, Action<byte[]> decode, int seed, int pointStride)
    {
        Assert.Equal(exactLength, valid.Length);
        decode(valid);
        var random = new Random(seed);
        var decoded = 0;
        for (var i = 0; i < Iterations; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                var length = (i % 10) switch
                {
                    0 => exactLength,
                    2 => random.Next(0, 64),
                    4 => exactLength - 1 - random.Next(40),
                    6 => exactLength + 1 + random.Next(40),
                    _ => random.Next(0, exactLength + 64),
                };
                input = new byte[length];
                random.NextBytes(input);
                if (pointStride > 0 && input.Length > 0 && random.Next(2) == 0)
                {
                    input[0] = (byte)(2 + random.Next(2));
                }
            }
            else
            {
                input = (byte[])valid.Clone();
                var window = pointStride > 0 ? Math.Min(valid.Length, 4 * pointStride) : valid.Length;
                switch (random.Next(5))
                {
                    case 0:
                        input[random.Next(window)] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        input = input[..random.Next(input.Length)];
                        break;
                    case 2:
                        input = [.. input, (byte)random.Next(256)];
                        break;
                    case 3:
                        for (var k = 0; k < 1 + random.Next(8); k++)
                        {
                            input[random.Next(window)] = (byte)random.Next(256);
                        }

                        break;
                    default:
                        var start = random.Next(window);
                        var span = Math.Min(input.Length - start, pointStride > 0 ? pointStride : 32);
                        random.NextBytes(input.AsSpan(start, span));
                        break;
                }
            }

            try
            {
                decode(input);
                decoded++;
            }
            catch (MpcDecodeException)
            {
                // The one permitted failure.
            }
        }

        // Some inputs (exact-length requests; harmless mutations) must decode, or the fuzzer tests nothing useful.
        Assert.InRange(decoded, 1, Iterations - 1);
    }
}
