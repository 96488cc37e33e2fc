using System.Numerics;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signatures;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Signatures;

public sealed class SignatureTests
{
    private static readonly BigInteger N = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337");

    [Fact]
    public void High_s_is_normalised_to_n_minus_s_with_flipped_parity_and_recovers_the_same_key()
    {
        var random = new Random(3);
        var signer = new TestKey(RandomTransactions.PrivateKey(random));
        var digest = Keccak256.Hash([1, 2, 3]);
        var low = signer.Sign(digest);
        var high = new Signature(low.R, UInt256.FromBigInteger(N - low.S.ToBigInteger()), (byte)(low.YParity ^ 1));

        Assert.True(low.IsLowS);
        Assert.False(high.IsLowS);
        Assert.Equal(low, high.ToLowS());
        Assert.Equal(SignatureRecovery.RecoverPublicKey(digest, low), SignatureRecovery.RecoverPublicKey(digest, high));
        Assert.Equal(low, Signature.FromRecoverable(high.R.ToBigEndian32(), high.S.ToBigEndian32(), high.YParity));
    }

    [Fact]
    public void Wrong_parity_recovers_a_different_key_and_WithRecoveryIdFor_finds_the_right_one()
    {
        var random = new Random(4);
        var signer = new TestKey(RandomTransactions.PrivateKey(random));
        var expected = EthereumAddress.FromPublicKey(signer.PublicKey);
        var digest = Keccak256.Hash([9]);
        var signature = signer.Sign(digest);
        var flipped = new Signature(signature.R, signature.S, (byte)(signature.YParity ^ 1));

        Assert.Equal(expected, SignatureRecovery.RecoverAddress(digest, signature));
        Assert.NotEqual(expected, SignatureRecovery.TryRecoverAddress(digest, flipped, out var other) ? other : null);
        Assert.Equal(signature, SignatureRecovery.WithRecoveryIdFor(digest, signature.R.ToBigEndian32(), signature.S.ToBigEndian32(), expected));
        Assert.Throws<SignatureException>(() => SignatureRecovery.WithRecoveryIdFor(digest, signature.R.ToBigEndian32(), signature.S.ToBigEndian32(), EthereumAddress.Zero));
    }

    [Fact]
    public void Out_of_range_values_and_recovery_ids_2_and_3_are_refused()
    {
        var one = new byte[32];
        one[31] = 1;
        var nBytes = UInt256.FromBigInteger(N).ToBigEndian32();

        Assert.Throws<SignatureException>(() => new Signature(UInt256.Zero, UInt256.One, 0));
        Assert.Throws<SignatureException>(() => new Signature(UInt256.One, UInt256.Zero, 0));
        Assert.Throws<SignatureException>(() => new Signature(UInt256.FromBigInteger(N), UInt256.One, 0));
        Assert.Throws<SignatureException>(() => new Signature(UInt256.One, UInt256.One, 2));
        Assert.Throws<SignatureException>(() => Signature.FromRecoverable(one, one, 2));
        Assert.Throws<SignatureException>(() => Signature.FromRecoverable(one, one, 3));
        Assert.Throws<SignatureException>(() => Signature.FromRecoverable(nBytes, one, 0));
    }

    [Fact]
    public void An_r_with_no_curve_point_recovers_nothing()
    {
        // x = 5: 125 + 7 = 132 is not a square mod p, so no point has x = 5.
        var signature = new Signature((UInt256)5UL, UInt256.One, 0);

        Assert.False(SignatureRecovery.TryRecoverPublicKey(new byte[32], signature, out _));
        Assert.Throws<SignatureException>(() => SignatureRecovery.RecoverPublicKey(new byte[32], signature));
    }

    [Fact]
    public void Transactions_refuse_high_s_signatures()
    {
        var random = new Random(8);
        var transaction = new Eip1559Transaction(1, 0, 1, 2, 21000, EthereumAddress.Zero, 0, []);
        var low = new TestKey(RandomTransactions.PrivateKey(random)).Sign(transaction.GetSigningHash());
        var high = new Signature(low.R, UInt256.FromBigInteger(N - low.S.ToBigInteger()), (byte)(low.YParity ^ 1));

        Assert.Throws<SignatureException>(() => transaction.Sign(high));
        Assert.Equal(transaction.Sign(low).RawHex, transaction.Sign(high.ToLowS()).RawHex);
    }

    [Fact]
    public void Rsv_form_round_trips_with_v_27_or_28()
    {
        var random = new Random(10);
        var signature = new TestKey(RandomTransactions.PrivateKey(random)).Sign(Keccak256.Hash([7]));
        var rsv = signature.ToRsv();

        Assert.Equal(27 + signature.YParity, rsv[64]);
        Assert.Equal(signature, Signature.FromRsv(rsv));
        rsv[64] = 29;
        Assert.Throws<SignatureException>(() => Signature.FromRsv(rsv));
    }
}
