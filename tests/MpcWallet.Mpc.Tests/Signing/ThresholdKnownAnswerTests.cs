using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

public sealed class ThresholdKnownAnswerTests
{
    [Theory]
    [InlineData(2, 3, new[] { 1, 3 })]
    [InlineData(3, 5, new[] { 2, 3, 5 })]
    public void Dealer_split_EIP155_key_signs_the_EIP155_hash_and_recovers_to_its_address(int t, int n, int[] signers)
    {
        var random = new SeededRandomSource(155 + n);
        var shares = TrustedDealer.Deal(t, n, random, EcdsaVerificationTests.Eip155Key);
        var hash = IndependentVerifier.Keccak256(Convert.FromHexString(EcdsaVerificationTests.Eip155SigningData));
        Assert.Equal(EcdsaVerificationTests.Eip155Hash, Convert.ToHexStringLower(hash));

        var signature = SigningHarness.Sign(shares, signers, hash, null, random);

        var recovered = EcdsaVerification.RecoverPublicKey(hash, signature.R, signature.S, signature.RecoveryId);
        Assert.NotNull(recovered);
        Assert.Equal(EcdsaVerificationTests.Eip155Address, IndependentVerifier.Address(recovered));
        Assert.True(IndependentVerifier.VerifyWithDotNet(Point.MultiplyGenerator(EcdsaVerificationTests.Eip155Key), hash, signature));
        // EIP-155 v for chain id 1 is 35 + 2·1 + recid; recovery with the other parity must give another address.
        Assert.InRange(37 + signature.RecoveryId, 37, 38);
        var other = EcdsaVerification.RecoverPublicKey(hash, signature.R, signature.S, 1 - signature.RecoveryId);
        Assert.NotEqual(EcdsaVerificationTests.Eip155Address, other is null ? null : IndependentVerifier.Address(other));
    }
}
