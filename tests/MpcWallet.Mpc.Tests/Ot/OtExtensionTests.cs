using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Tests.Support;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Tests.Ot;

public sealed class OtExtensionTests
{
    private const int Bob = 3;
    private const int ColumnBytes = OtExtensionMessage.ColumnBytes;

    [Fact]
    public void Sender_rows_equal_receiver_rows_xor_choice_times_delta_on_all_640_rows()
    {
        var random = new SeededRandomSource(10);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var choices = RandomBytes(random, ColumnBytes);
        var sid = BaseOtTests.Sid(10);
        var (tRows, message) = OtExtension.Receive(sid, bob, choices);
        using var qRows = OtExtension.Send(sid, alice, message, Bob);
        for (var l = 0; l < OtParameters.ExtendedRows; l++)
        {
            var x = OtSeedDealer.Bit(choices, l);
            for (var w = 0; w < OtExtensionRows.WordsPerRow; w++)
            {
                var deltaWord = BitConverter.ToUInt64(alice.Delta, w * 8);
                Assert.Equal(tRows.Row(l)[w] ^ (x == 1 ? deltaWord : 0), qRows.Row(l)[w]);
            }
        }

        tRows.Dispose();
    }

    [Fact]
    public void Row_pads_agree_on_the_chosen_branch_only()
    {
        var random = new SeededRandomSource(11);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var choices = RandomBytes(random, ColumnBytes);
        var sid = BaseOtTests.Sid(11);
        var (tRows, message) = OtExtension.Receive(sid, bob, choices);
        using var qRows = OtExtension.Send(sid, alice, message, Bob);
        const int rows = OtParameters.RvoleRows;
        var prefix = OtRowPads.Prefix(sid);
        var gamma = new Scalar[rows * OtRowPads.Width];
        var alpha0 = new Scalar[rows * OtRowPads.Width];
        var alpha1 = new Scalar[rows * OtRowPads.Width];
        OtRowPads.Receiver(prefix, tRows, rows, gamma);
        OtRowPads.Sender(prefix, qRows, alice.Delta, rows, alpha0, alpha1);
        for (var i = 0; i < gamma.Length; i++)
        {
            var x = OtSeedDealer.Bit(choices, i / OtRowPads.Width);
            Assert.Equal(x == 0 ? alpha0[i] : alpha1[i], gamma[i]);
            Assert.NotEqual(x == 0 ? alpha1[i] : alpha0[i], gamma[i]);
        }

        tRows.Dispose();
    }

    [Fact]
    public void Flipping_any_single_bit_of_u_makes_the_sender_abort_and_ban_the_receiver()
    {
        var random = new SeededRandomSource(12);
        var positions = new Random(12);
        var (alice, _, sid, encoded) = HonestMessage(random, 12);
        for (var trial = 0; trial < 300; trial++)
        {
            var bit = positions.Next(OtExtensionMessage.CorrectionLength * 8);
            var tampered = (byte[])encoded.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            // The challenges hash all of u, so even a flip in a column with Δ_j = 0 invalidates the check values.
            AssertBan(() => OtExtension.Send(sid, alice, Decode(tampered), Bob));
        }
    }

    [Fact]
    public void Flipping_any_bit_of_the_check_values_makes_the_sender_abort()
    {
        var random = new SeededRandomSource(13);
        var positions = new Random(13);
        var (alice, _, sid, encoded) = HonestMessage(random, 13);
        // Every bit of x̃ (which matters exactly for columns with Δ_j = 1, and Δ is not all zero).
        for (var bit = 0; bit < 128; bit++)
        {
            var tampered = (byte[])encoded.Clone();
            tampered[OtExtensionMessage.CorrectionLength + (bit / 8)] ^= (byte)(1 << (bit % 8));
            AssertBan(() => OtExtension.Send(sid, alice, Decode(tampered), Bob));
        }

        // Random bits of t̃ (each column's check value).
        for (var trial = 0; trial < 300; trial++)
        {
            var bit = positions.Next(OtExtensionMessage.CheckColumnsLength * 8);
            var tampered = (byte[])encoded.Clone();
            tampered[OtExtensionMessage.CorrectionLength + OtExtensionMessage.CheckChoiceLength + (bit / 8)] ^= (byte)(1 << (bit % 8));
            AssertBan(() => OtExtension.Send(sid, alice, Decode(tampered), Bob));
        }
    }

    [Fact]
    public void A_different_session_id_on_one_side_breaks_the_check()
    {
        var random = new SeededRandomSource(14);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var (rows, message) = OtExtension.Receive(BaseOtTests.Sid(14), bob, RandomBytes(random, ColumnBytes));
        rows.Dispose();
        AssertBan(() => OtExtension.Send(BaseOtTests.Sid(15), alice, message, Bob));
    }

    /// <summary>
    /// Selective-failure regression (ToB "Don't overextend your OT", TOB-SILA-12). A receiver corrupts column j of u and
    /// recomputes its check values for the corrupted u. The corruption reaches the sender exactly when Δ_j = 1, and
    /// then the sender must abort with a ban every time. When Δ_j = 0 the sender never uses u^j and its outputs are the
    /// honest ones; the cheater learns Δ_j from pass/fail, which is why failure bans it: one bit, once.
    /// </summary>
    [Fact]
    public void Malicious_receiver_corrupting_one_column_is_caught_whenever_the_corruption_reaches_the_sender()
    {
        var random = new SeededRandomSource(16);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var choices = RandomBytes(random, ColumnBytes);
        var sid = BaseOtTests.Sid(16);
        var noise = new Random(16);
        var (receiverRows, honestMessage) = OtExtension.Receive(sid, bob, choices);
        receiverRows.Dispose();
        using var honestRows = OtExtension.Send(sid, alice, honestMessage, Bob);
        var caught = 0;
        for (var column = 0; column < OtParameters.BaseOtCount; column++)
        {
            var message = MaliciousReceiver.CorruptColumn(sid, bob, choices, column, noise);
            if (OtSeedDealer.Bit(alice.Delta, column) == 1)
            {
                AssertBan(() => OtExtension.Send(sid, alice, message, Bob));
                caught++;
            }
            else
            {
                using var rows = OtExtension.Send(sid, alice, message, Bob);
                Assert.Equal(honestRows.Words, rows.Words);
            }
        }

        Assert.InRange(caught, 1, 255);
    }

    /// <summary>
    /// The challenges hash all of u (TOB-SILA-11): a receiver that hides a column's error in the kernel of the
    /// challenges it would get for the honest u changes u, hence the challenges, and is caught whenever Δ_j = 1.
    /// </summary>
    [Fact]
    public void Column_error_hidden_from_the_honest_challenges_is_still_caught_whenever_it_reaches_the_sender()
    {
        var random = new SeededRandomSource(17);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var choices = RandomBytes(random, ColumnBytes);
        var sid = BaseOtTests.Sid(17);
        var noise = new Random(17);
        var caught = 0;
        for (var column = 0; column < 24; column++)
        {
            var message = MaliciousReceiver.HideColumnErrorFromHonestChallenges(sid, bob, choices, column, noise);
            if (OtSeedDealer.Bit(alice.Delta, column) == 1)
            {
                AssertBan(() => OtExtension.Send(sid, alice, message, Bob));
                caught++;
            }
            else
            {
                OtExtension.Send(sid, alice, message, Bob).Dispose();
            }
        }

        Assert.InRange(caught, 1, 23);
    }

    [Fact]
    public void Message_has_the_documented_fixed_length()
    {
        Assert.Equal((256 * 80) + 16 + (256 * 16), OtExtensionMessage.EncodedLength);
        var random = new SeededRandomSource(17);
        var (_, _, _, encoded) = HonestMessage(random, 17);
        Assert.Equal(OtExtensionMessage.EncodedLength, encoded.Length);
    }

    internal static void AssertBan(Func<IDisposable> send)
    {
        var abort = Assert.Throws<ProtocolAbortException>(() => send().Dispose());
        Assert.Equal(Bob, abort.Culprit);
        Assert.Equal(AbortChecks.OtExtensionConsistency, abort.Check);
        Assert.True(abort.BanRecommended);
    }

    private static (OtExtensionSenderSeeds Alice, OtExtensionReceiverSeeds Bob, byte[] Sid, byte[] Encoded) HonestMessage(SeededRandomSource random, int n)
    {
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(n);
        var (rows, message) = OtExtension.Receive(sid, bob, RandomBytes(random, ColumnBytes));
        rows.Dispose();
        OtExtension.Send(sid, alice, message, Bob).Dispose();
        var writer = new WireWriter();
        message.Write(writer);
        return (alice, bob, sid, writer.ToArray());
    }

    private static OtExtensionMessage Decode(byte[] encoded)
    {
        var reader = new WireReader(encoded);
        var message = OtExtensionMessage.Read(ref reader);
        reader.EnsureEnd();
        return message;
    }

    internal static byte[] RandomBytes(SeededRandomSource random, int length)
    {
        var bytes = new byte[length];
        random.Fill(bytes);
        return bytes;
    }
}
