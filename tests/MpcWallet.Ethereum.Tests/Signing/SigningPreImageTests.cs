using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signatures;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Signing;

/// <summary>
/// The digest every node recomputes before it signs: cast's EIP-1559 transactions (their unsigned payload hashes to
/// what their signature signs), personal messages and typed data as the message layer hashes them, raw digests as
/// they are; and what is not exactly one of these is refused.
/// </summary>
public sealed class SigningPreImageTests
{
    private const string Mail =
        """{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"}],"Mail":[{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"spec","chainId":1},"message":{"contents":"hello"}}""";

    public static TheoryData<string> DynamicFeeVectors()
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        return new TheoryData<string>(file.RootElement.GetProperty("transactions").EnumerateArray()
            .Where(t => t.GetProperty("raw").GetString()!.StartsWith("0x02", StringComparison.Ordinal))
            .Select(t => t.GetProperty("name").GetString()!));
    }

    [Theory]
    [MemberData(nameof(DynamicFeeVectors))]
    public void A_cast_transactions_unsigned_payload_decodes_to_itself_and_hashes_to_what_its_signature_signs(string name)
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        var vector = file.RootElement.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        var signed = TransactionDecoder.Decode(vector.GetProperty("raw").GetString()!);
        var payload = signed.Transaction.GetSigningPayload();

        var unsigned = TransactionDecoder.DecodeUnsigned(payload);
        Assert.Equal(payload, unsigned.GetSigningPayload());
        var digest = SigningPreImage.Eip1559Transaction(payload).Digest();
        Assert.Equal(signed.Transaction.GetSigningHash(), digest);
        Assert.Equal(signed.Sender, SignatureRecovery.RecoverAddress(digest, signed.Signature));
    }

    [Fact]
    public void What_is_not_a_canonical_unsigned_eip1559_transaction_is_refused()
    {
        var transaction = new Eip1559Transaction(1, 0, UInt256.Parse("1"), UInt256.Parse("2"), 21000, null, UInt256.Zero, []);
        var payload = transaction.GetSigningPayload();
        Assert.Equal(transaction.GetSigningHash(), SigningPreImage.Eip1559Transaction(payload).Digest());

        foreach (var bad in new[]
                 {
                     [],
                     [.. payload, 0x00], // trailing byte
                     [0x01, .. payload[1..]], // another type
                     payload[1..], // no type byte
                     new byte[] { 0x02, 0xc0 }, // no fields
                     HexBytes.Parse("0x02c9018080808080808080"), // nine fields, but access list not a list
                 })
        {
            Assert.Throws<SigningPreImageException>(() => SigningPreImage.Eip1559Transaction(bad).Digest());
        }
    }

    [Fact]
    public void Messages_and_typed_data_hash_as_the_message_layer_does_and_malformed_ones_are_refused()
    {
        Assert.Equal(PersonalMessage.Hash("hello"u8), SigningPreImage.PersonalMessage("hello"u8).Digest());
        Assert.Equal(TypedData.Parse(Mail).Hash(), SigningPreImage.TypedData(Mail).Digest());
        Assert.Throws<SigningPreImageException>(() => SigningPreImage.PersonalMessage(new byte[SigningPreImage.MaxMessageBytes + 1]).Digest());
        // A member twice: which one a policy would read is ambiguous, so the document is refused outright.
        Assert.Throws<SigningPreImageException>(() => SigningPreImage.TypedData(Mail.Replace("\"contents\":\"hello\"", "\"contents\":\"hello\",\"contents\":\"pay\"", StringComparison.Ordinal)).Digest());
        Assert.Throws<SigningPreImageException>(() => SigningPreImage.TypedData("{\"types\": {}}").Digest());
        Assert.Throws<SigningPreImageException>(() => SigningPreImage.TypedData("not json").Digest());
    }

    [Fact]
    public void A_raw_digest_is_itself_and_exactly_32_bytes()
    {
        var digest = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.Equal(digest, SigningPreImage.RawDigest(digest).Digest());
        Assert.Throws<SigningPreImageException>(() => SigningPreImage.RawDigest(new byte[31]).Digest());
        Assert.Throws<SigningPreImageException>(() => SigningPreImage.RawDigest(new byte[33]).Digest());
    }

    [Fact]
    public void The_text_form_reads_back_to_the_same_pre_image_and_no_text_is_a_raw_digest()
    {
        var digest = HexBytes.ToHex(new byte[32]);
        foreach (var preImage in new[] { SigningPreImage.PersonalMessage("hi"u8), SigningPreImage.TypedData(Mail), SigningPreImage.Eip1559Transaction([0x02, 0xc0]) })
        {
            var read = SigningPreImageText.Read(SigningPreImageText.KindName(preImage), SigningPreImageText.TextOf(preImage), digest)!;
            Assert.Equal(preImage.Kind, read.Kind);
            Assert.Equal(preImage.Bytes.ToArray(), read.Bytes.ToArray());
        }

        Assert.Equal(SigningPreImageKind.RawDigest, SigningPreImageText.Read(null, null, digest)!.Kind);
        Assert.Equal(SigningPreImageKind.RawDigest, SigningPreImageText.Read(SigningPreImageText.Digest, "", digest)!.Kind);
        Assert.Null(SigningPreImageText.Read(SigningPreImageText.Digest, "0x00", digest));
        Assert.Null(SigningPreImageText.Read(SigningPreImageText.Transaction, "not hex", digest));
        Assert.Null(SigningPreImageText.Read("ecdsa", "0x00", digest));
    }
}
