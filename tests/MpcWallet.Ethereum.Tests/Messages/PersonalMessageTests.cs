using System.Text;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signatures;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Messages;

public sealed class PersonalMessageTests
{
    public static TheoryData<int> CastIndexes()
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        return new TheoryData<int>(Enumerable.Range(0, file.RootElement.GetProperty("personalSign").GetArrayLength()));
    }

    [Theory]
    [MemberData(nameof(CastIndexes))]
    public void Cast_personal_sign_pair_hash_and_signature_match(int index)
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        var source = file.RootElement.GetProperty("source");
        var vector = file.RootElement.GetProperty("personalSign")[index];
        var message = vector.GetProperty("message").GetString()!;
        var bytes = vector.GetProperty("walletSignDecodesHex").GetBoolean() ? HexBytes.Parse(message) : Encoding.UTF8.GetBytes(message);
        var hash = PersonalMessage.Hash(bytes);
        var expectedSignature = Signature.FromRsv(HexBytes.Parse(vector.GetProperty("signature").GetString()!));

        // cast hash-message always hashes the text itself; cast wallet sign decodes 0x-hex first.
        Assert.Equal(vector.GetProperty("hashMessageOfText").GetString(), HexBytes.ToHex(PersonalMessage.Hash(message)));
        Assert.Equal(EthereumAddress.Parse(source.GetProperty("address").GetString()!), SignatureRecovery.RecoverAddress(hash, expectedSignature));
        var signer = TestKey.FromHex(source.GetProperty("privateKey").GetString()!);
        Assert.Equal(vector.GetProperty("signature").GetString(), HexBytes.ToHex(signer.Sign(hash).ToRsv()));
    }

    [Fact]
    public void Eth_sig_util_hello_world_signature_recovers_to_its_key_and_is_reproduced()
    {
        using var file = TestVectors.Load("eth-sig-util/personal-sign.json");
        var vector = file.RootElement;
        var signer = TestKey.FromHex(vector.GetProperty("privateKey").GetString()!);
        var hash = PersonalMessage.Hash(vector.GetProperty("message").GetString()!);

        var signature = Signature.FromRsv(HexBytes.Parse(vector.GetProperty("signature").GetString()!));

        Assert.Equal(EthereumAddress.FromPublicKey(signer.PublicKey), SignatureRecovery.RecoverAddress(hash, signature));
        Assert.Equal(vector.GetProperty("signature").GetString(), HexBytes.ToHex(signer.Sign(hash).ToRsv()));
    }

    [Fact]
    public void Length_is_the_utf8_byte_count()
    {
        // "é" is two bytes: the prefix must say 2, not 1.
        var expected = MpcWallet.Ethereum.Hashing.Keccak256.Hash(Encoding.UTF8.GetBytes("\u0019Ethereum Signed Message:\n2é"));
        Assert.Equal(expected, PersonalMessage.Hash("é"));
    }
}
