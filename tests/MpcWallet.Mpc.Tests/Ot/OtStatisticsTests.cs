using System.Numerics;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Ot;

/// <summary>
/// Smoke-level uniformity checks with fixed seeds. Every bound is ±5σ of the binomial under the null hypothesis, so a
/// correct implementation fails with probability below 10^-6 per check while a stuck bit, a constant pad or a choice
/// bit leaking into u moves the statistic by hundreds of σ.
/// </summary>
public sealed class OtStatisticsTests
{
    [Fact]
    public void Pad_bits_are_balanced_for_both_parties()
    {
        var random = new SeededRandomSource(40);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(40);
        var choices = OtExtensionTests.RandomBytes(random, OtExtensionMessage.ColumnBytes);
        var (tRows, message) = OtExtension.Receive(sid, bob, choices);
        using var qRows = OtExtension.Send(sid, alice, message, 1);
        const int rows = OtParameters.RvoleRows;
        var gamma = new Scalar[rows * OtRowPads.Width];
        var alpha0 = new Scalar[rows * OtRowPads.Width];
        var alpha1 = new Scalar[rows * OtRowPads.Width];
        var prefix = OtRowPads.Prefix(sid);
        OtRowPads.Receiver(prefix, tRows, rows, gamma);
        OtRowPads.Sender(prefix, qRows, alice.Delta, rows, alpha0, alpha1);
        tRows.Dispose();

        foreach (var pads in new[] { gamma, alpha0, alpha1 })
        {
            // 1,536 scalars × 255 low bits = 391,680 bits (the top bit of a value below q is 1 with probability just under ½;
            // skip it to keep the null hypothesis exact to 2^-127).
            long ones = 0, total = 0;
            foreach (var pad in pads)
            {
                var value = pad.ToNumerics();
                for (var bit = 0; bit < 255; bit++)
                {
                    ones += (long)((value >> bit) & BigInteger.One);
                    total++;
                }
            }

            AssertBalanced(ones, total);
        }
    }

    [Fact]
    public void Chi_bits_and_gf128_challenge_bits_are_balanced()
    {
        var random = new SeededRandomSource(41);
        var (_, bob) = OtSeedDealer.Deal(random);
        long ones = 0, total = 0;
        // 400 sessions × 255 bits of χ ≥ 10^5 bits.
        for (var run = 0; run < 400; run++)
        {
            var (state, _) = Rvole.ReceiverStart(BaseOtTests.Sid(1000 + run), bob, random);
            var value = state.Chi.ToNumerics();
            for (var bit = 0; bit < 255; bit++)
            {
                ones += (long)((value >> bit) & BigInteger.One);
                total++;
            }
        }

        AssertBalanced(ones, total);

        ones = total = 0;
        var u = new byte[OtExtensionMessage.CorrectionLength];
        var chi = new Gf128[OtExtension.Blocks];
        for (var run = 0; run < 200; run++)
        {
            random.Fill(u);
            OtExtension.Challenges(BaseOtTests.Sid(run), u, chi);
            foreach (var element in chi)
            {
                ones += BitOperations.PopCount(element.Lo) + BitOperations.PopCount(element.Hi);
                total += 128;
            }
        }

        AssertBalanced(ones, total);
    }

    [Fact]
    public void Extension_choice_bits_are_uncorrelated_with_the_bytes_of_u()
    {
        var random = new SeededRandomSource(42);
        var (_, bob) = OtSeedDealer.Deal(random);
        long agree = 0, total = 0;
        for (var run = 0; run < 2; run++)
        {
            // A strongly structured choice vector (all ones on even bytes) makes any leak of x into u obvious.
            var choices = new byte[OtExtensionMessage.ColumnBytes];
            for (var k = 0; k < choices.Length; k += 2)
            {
                choices[k] = 0xFF;
            }

            var (rows, message) = OtExtension.Receive(BaseOtTests.Sid(42 + run), bob, choices);
            rows.Dispose();
            for (var j = 0; j < OtParameters.BaseOtCount; j++)
            {
                for (var l = 0; l < OtParameters.ExtendedRows; l++)
                {
                    var u = (message.Correction[(j * OtExtensionMessage.ColumnBytes) + (l / 8)] >> (l % 8)) & 1;
                    agree += u == OtSeedDealer.Bit(choices, l) ? 1 : 0;
                    total++;
                }
            }
        }

        AssertBalanced(agree, total);
    }

    [Fact]
    public void Base_ot_choice_bits_are_uncorrelated_with_the_receiver_message()
    {
        var random = new SeededRandomSource(43);
        long agree = 0, total = 0;
        var (state, message) = BaseOt.ReceiverStart(BaseOtTests.Sid(43), random);
        var choices = state.Choices.ToArray();
        var bytes = message.Encode();
        for (var i = 0; i < OtParameters.BaseOtCount; i++)
        {
            var c = OtSeedDealer.Bit(choices, i);
            for (var point = 0; point < 2; point++)
            {
                var offset = (i * 2 * Point.EncodedLength) + (point * Point.EncodedLength);
                // The y-parity bit of the prefix and all 256 bits of x.
                agree += (bytes[offset] & 1) == c ? 1 : 0;
                total++;
                for (var bit = 0; bit < 256; bit++)
                {
                    agree += ((bytes[offset + 1 + (bit / 8)] >> (bit % 8)) & 1) == c ? 1 : 0;
                    total++;
                }
            }
        }

        Assert.True(total >= 100_000);
        AssertBalanced(agree, total);
    }

    [Fact]
    public void Check_value_x_tilde_is_uniform_given_the_challenges_when_beta_is_fixed()
    {
        // x̃ = Σ_{b<4} χ_b·β_b + χ_4·x_4. The sender knows χ; with β fixed, x̃ hides β only if the 128 padding choice
        // bits x_4 are fresh and uniform. The residual x̃ − Σ_{b<4} χ_b·β_b must therefore be uniform and never repeat
        // (it is identically zero if the padding bits are not random).
        var random = new SeededRandomSource(44);
        var (_, bob) = OtSeedDealer.Deal(random);
        var beta = new byte[OtParameters.RvoleRows / 8];
        random.Fill(beta);
        var source = new FixedChoiceSource(beta, random);
        var chi = new Gf128[OtExtension.Blocks];
        var residuals = new HashSet<(ulong, ulong)>();
        long ones = 0, total = 0;
        const int runs = 800;
        for (var run = 0; run < runs; run++)
        {
            var sid = BaseOtTests.Sid(5000 + run);
            var (state, request) = Rvole.ReceiverStart(sid, bob, source);
            Assert.Equal(beta, state.Choices);
            state.Clear();

            OtExtension.Challenges(sid, request.Extension.Correction, chi);
            var residual = Gf128.Read(request.Extension.CheckChoices);
            for (var b = 0; b < OtExtension.Blocks - 1; b++)
            {
                residual ^= chi[b] * Gf128.Read(beta.AsSpan(b * Gf128.EncodedLength));
            }

            ones += BitOperations.PopCount(residual.Lo) + BitOperations.PopCount(residual.Hi);
            total += 128;
            residuals.Add((residual.Lo, residual.Hi));
        }

        AssertBalanced(ones, total);
        Assert.Equal(runs, residuals.Count);
    }

    private static void AssertBalanced(long ones, long total)
    {
        Assert.True(total >= 100_000, $"only {total} samples");
        var sigma = Math.Sqrt(total * 0.25);
        var deviation = Math.Abs(ones - (total / 2.0));
        Assert.True(deviation <= 5 * sigma, $"{ones} ones of {total}: {deviation / sigma:F1}σ from balance");
    }

    /// <summary>Fills the receiver's 640 extension choice bits with a fixed β and fresh padding; everything else is seeded.</summary>
    private sealed class FixedChoiceSource(byte[] beta, Randomness.IRandomSource inner) : Randomness.IRandomSource
    {
        public void Fill(Span<byte> destination)
        {
            inner.Fill(destination);
            if (destination.Length == OtExtensionMessage.ColumnBytes)
            {
                beta.CopyTo(destination);
            }
        }
    }
}
