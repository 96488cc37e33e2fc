using MpcWallet.Ethereum.Tests.Rlp;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Transactions;

/// <summary>Random and mutated bytes fed to the transaction decoder yield only TransactionDecodingException.</summary>
public sealed class TransactionDecoderFuzzTests
{
    [Fact]
    public void Random_bytes_with_every_leading_type_byte_yield_only_TransactionDecodingException()
    {
        var random = new Random(99);
        for (var i = 0; i < 10_500; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && i % 3 == 0)
            {
                bytes[0] = (byte)random.Next(0, 3); // aim at the typed decoders
            }

            DecodeOnlyTypedErrors(bytes);
        }
    }

    [Fact]
    public void Mutations_of_valid_signed_transactions_yield_only_TransactionDecodingException_or_a_canonical_transaction()
    {
        var random = new Random(123);
        var valid = Enumerable.Range(0, 60).Select(i =>
        {
            var transaction = RandomTransactions.Next(random, (TransactionType)(i % 3));
            var signer = new TestKey(RandomTransactions.PrivateKey(random));
            return transaction.Sign(signer.Sign(transaction.GetSigningHash())).RawBytes.ToArray();
        }).ToArray();

        var rejected = 0;
        for (var i = 0; i < 12_000; i++)
        {
            var mutated = RlpFuzzTests.Mutate(random, valid[random.Next(valid.Length)]);
            rejected += DecodeOnlyTypedErrors(mutated) ? 0 : 1;
        }

        Assert.True(rejected > 6_000, $"most mutations must be rejected; {rejected} were");
    }

    /// <summary>True when decoded (and then the bytes must be the canonical encoding); any other exception fails the test.</summary>
    private static bool DecodeOnlyTypedErrors(byte[] bytes)
    {
        try
        {
            var decoded = TransactionDecoder.Decode(bytes);
            Assert.Equal(bytes, decoded.Transaction.Sign(decoded.Signature).RawBytes.ToArray());
            return true;
        }
        catch (TransactionDecodingException)
        {
            return false;
        }
    }
}
