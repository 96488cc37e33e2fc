using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Tests.Ot;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Multiplication;

public sealed class RvoleTests
{
    private const int Alice = 1;
    private const int Bob = 4;

    [Fact]
    public void Shares_satisfy_c_plus_d_equals_a_times_chi_for_random_inputs()
    {
        var random = new SeededRandomSource(20);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var chis = new HashSet<Scalar>();
        for (var run = 0; run < 6; run++)
        {
            var sid = BaseOtTests.Sid(100 + run);
            var a0 = Scalar.Random(random);
            var a1 = Scalar.Random(random);
            var (state, request) = Rvole.ReceiverStart(sid, bob, random);
            var (c0, c1, response) = Rvole.SenderRespond(sid, alice, a0, a1, request, Bob, random);
            var (chi, d0, d1) = Rvole.ReceiverFinish(state, response, Alice);
            Assert.Equal(a0 * chi, c0 + d0);
            Assert.Equal(a1 * chi, c1 + d1);
            Assert.False(chi.IsZero);
            Assert.True(chis.Add(chi), "χ repeated across sessions");
        }
    }

    [Fact]
    public void Special_inputs_zero_and_one_still_multiply_correctly()
    {
        var random = new SeededRandomSource(21);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(21);
        var (state, request) = Rvole.ReceiverStart(sid, bob, random);
        var (c0, c1, response) = Rvole.SenderRespond(sid, alice, Scalar.Zero, Scalar.One, request, Bob, random);
        var (chi, d0, d1) = Rvole.ReceiverFinish(state, response, Alice);
        Assert.Equal(Scalar.Zero, c0 + d0);
        Assert.Equal(chi, c1 + d1);
    }

    [Fact]
    public void Works_end_to_end_on_real_base_ot_seeds_through_encoded_messages()
    {
        var random = new SeededRandomSource(22);
        // Alice (extension sender) is the base-OT receiver; Bob the base-OT sender.
        var otSid = BaseOtTests.Sid(22);
        var (baseState, baseMessage) = BaseOt.ReceiverStart(otSid, random);
        var (bobSeeds, baseReply) = BaseOt.SenderRespond(otSid, baseMessage.Encode(), Alice, random);
        var aliceSeeds = BaseOt.ReceiverFinish(baseState, baseReply.Encode(), Bob);

        var sid = BaseOtTests.Sid(23);
        var a0 = Scalar.Random(random);
        var a1 = Scalar.Random(random);
        var (state, request) = Rvole.ReceiverStart(sid, bobSeeds, random);
        var requestBytes = request.Encode();
        Assert.Equal(RvoleRequest.EncodedLength, requestBytes.Length);
        var (c0, c1, response) = Rvole.SenderRespond(sid, aliceSeeds, a0, a1, requestBytes, Bob, random);
        var responseBytes = response.Encode();
        Assert.Equal(RvoleResponse.EncodedLength, responseBytes.Length);
        var (chi, d0, d1) = Rvole.ReceiverFinish(state, responseBytes, Alice);
        Assert.Equal(a0 * chi, c0 + d0);
        Assert.Equal(a1 * chi, c1 + d1);
    }

    [Fact]
    public void Flipping_bits_anywhere_in_the_request_makes_alice_abort_and_ban_bob()
    {
        var random = new SeededRandomSource(24);
        var positions = new Random(24);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(24);
        var (_, request) = Rvole.ReceiverStart(sid, bob, random);
        var encoded = request.Encode();
        for (var trial = 0; trial < 60; trial++)
        {
            var bit = positions.Next(encoded.Length * 8);
            var tampered = (byte[])encoded.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var abort = Assert.Throws<ProtocolAbortException>(() =>
                Rvole.SenderRespond(sid, alice, Scalar.One, Scalar.One, tampered, Bob, random));
            Assert.Equal(Bob, abort.Culprit);
            Assert.Equal(AbortChecks.OtExtensionConsistency, abort.Check);
            Assert.True(abort.BanRecommended);
        }
    }

    [Fact]
    public void A_different_session_id_on_alices_side_breaks_the_extension_check()
    {
        var random = new SeededRandomSource(25);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var (_, request) = Rvole.ReceiverStart(BaseOtTests.Sid(25), bob, random);
        var abort = Assert.Throws<ProtocolAbortException>(() =>
            Rvole.SenderRespond(BaseOtTests.Sid(26), alice, Scalar.One, Scalar.One, request, Bob, random));
        Assert.Equal(Bob, abort.Culprit);
        Assert.True(abort.BanRecommended);
    }

    [Theory]
    [InlineData("a-tilde-first")]
    [InlineData("a-tilde-last")]
    [InlineData("a-tilde-random")]
    [InlineData("eta-prime")]
    [InlineData("mu")]
    public void Tampering_the_response_makes_bob_abort_and_ban_alice(string field)
    {
        var random = new SeededRandomSource(27);
        var positions = new Random(27);
        var (alice, bob) = OtSeedDealer.Deal(random);
        for (var trial = 0; trial < 8; trial++)
        {
            var sid = BaseOtTests.Sid(270 + trial);
            var (state, request) = Rvole.ReceiverStart(sid, bob, random);
            var (_, _, response) = Rvole.SenderRespond(sid, alice, Scalar.Random(random), Scalar.Random(random), request, Bob, random);
            var bytes = response.Encode();
            var offset = field switch
            {
                "a-tilde-first" => 0,
                "a-tilde-last" => RvoleResponse.CorrectionLength - Scalar.EncodedLength,
                "a-tilde-random" => positions.Next(RvoleResponse.CorrectionCount) * Scalar.EncodedLength,
                "eta-prime" => RvoleResponse.CorrectionLength,
                "mu" => RvoleResponse.CorrectionLength + Scalar.EncodedLength,
                _ => throw new ArgumentOutOfRangeException(nameof(field)),
            };
            // Flip a low-order bit inside the 32-byte field so the scalar stays canonical (the check must catch it,
            // not the decoder).
            bytes[offset + 31 - positions.Next(16)] ^= (byte)(1 << positions.Next(8));
            var abort = Assert.Throws<ProtocolAbortException>(() => Rvole.ReceiverFinish(state, bytes, Alice));
            Assert.Equal(Alice, abort.Culprit);
            Assert.Equal(AbortChecks.RvoleMu, abort.Check);
            Assert.True(abort.BanRecommended);
        }
    }

    [Fact]
    public void Non_canonical_scalar_in_the_response_aborts_naming_alice()
    {
        var random = new SeededRandomSource(28);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(28);
        var (state, request) = Rvole.ReceiverStart(sid, bob, random);
        var (_, _, response) = Rvole.SenderRespond(sid, alice, Scalar.One, Scalar.One, request, Bob, random);
        var bytes = response.Encode();
        Array.Fill(bytes, (byte)0xFF, 5 * Scalar.EncodedLength, Scalar.EncodedLength);
        var abort = Assert.Throws<ProtocolAbortException>(() => Rvole.ReceiverFinish(state, bytes, Alice));
        Assert.Equal(Alice, abort.Culprit);
        Assert.Equal(AbortChecks.RvoleMalformed, abort.Check);
        Assert.Throws<InvalidOperationException>(() => Rvole.ReceiverFinish(state, response, Alice));
    }

    [Fact]
    public void Wrong_request_length_aborts_naming_bob_without_ban()
    {
        var random = new SeededRandomSource(29);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(29);
        var (_, request) = Rvole.ReceiverStart(sid, bob, random);
        var bytes = request.Encode();
        var abort = Assert.Throws<ProtocolAbortException>(() =>
            Rvole.SenderRespond(sid, alice, Scalar.One, Scalar.One, bytes.AsSpan(0, bytes.Length - 1), Bob, random));
        Assert.Equal(Bob, abort.Culprit);
        Assert.Equal(AbortChecks.RvoleMalformed, abort.Check);
        Assert.False(abort.BanRecommended);
    }

    /// <summary>
    /// A malicious Alice who uses a different a0 in one row (and computes θ, η′ and μ honestly for what she sent) is the
    /// attack the μ check exists for: her deviation is visible to Bob exactly when his β_l = 1, so the check fails
    /// then — and must ban her, because pass/fail reveals β_l.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inconsistent_input_in_one_row_is_caught_whenever_bob_uses_that_row(bool compensatedWithHonestTheta)
    {
        var random = new SeededRandomSource(30);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var caught = 0;
        var passed = 0;
        for (var trial = 0; trial < 24; trial++)
        {
            var sid = BaseOtTests.Sid(300 + trial);
            var row = (trial * 37) % OtParameters.RvoleRows;
            var (state, request) = Rvole.ReceiverStart(sid, bob, random);
            var betaBit = OtSeedDealer.Bit(state.Choices, row);
            var response = compensatedWithHonestTheta
                ? MaliciousSender.RespondWithCompensatedRow(sid, alice, Scalar.Random(random), Scalar.Random(random), request, row, random)
                : MaliciousSender.RespondWithShiftedRow(sid, alice, Scalar.Random(random), Scalar.Random(random), request, row, random);
            if (betaBit == 1)
            {
                var abort = Assert.Throws<ProtocolAbortException>(() => Rvole.ReceiverFinish(state, response, Alice));
                Assert.Equal(AbortChecks.RvoleMu, abort.Check);
                Assert.True(abort.BanRecommended);
                caught++;
            }
            else
            {
                Rvole.ReceiverFinish(state, response, Alice);
                passed++;
            }
        }

        Assert.True(caught > 0 && passed > 0);
    }

    [Fact]
    public void Receiver_state_is_single_use_and_erased()
    {
        var random = new SeededRandomSource(31);
        var (alice, bob) = OtSeedDealer.Deal(random);
        var sid = BaseOtTests.Sid(31);
        var (state, request) = Rvole.ReceiverStart(sid, bob, random);
        var (_, _, response) = Rvole.SenderRespond(sid, alice, Scalar.One, Scalar.One, request, Bob, random);
        Rvole.ReceiverFinish(state, response, Alice);
        Assert.Throws<InvalidOperationException>(() => Rvole.ReceiverFinish(state, response, Alice));
        Assert.True(state.Choices.ToArray().All(b => b == 0));
        Assert.True(state.Pads.ToArray().All(p => p.IsZero));
    }
}
