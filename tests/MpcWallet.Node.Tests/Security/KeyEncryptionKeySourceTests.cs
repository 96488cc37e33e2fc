using Microsoft.Extensions.Hosting.Internal;
using MpcWallet.Node.Configuration;
using MpcWallet.Node.Security;

namespace MpcWallet.Node.Tests.Security;

public sealed class KeyEncryptionKeySourceTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Theory]
    [InlineData("hex")]
    [InlineData("0x-hex")]
    [InlineData("base64")]
    public void A_configured_key_is_read_as_hex_or_base64(string form)
    {
        var text = form switch
        {
            "hex" => Convert.ToHexString(Key),
            "0x-hex" => "0x" + Convert.ToHexStringLower(Key),
            _ => Convert.ToBase64String(Key),
        };
        Assert.Equal(Key, Source(text).For("node-1", Path.GetTempPath()));
    }

    [Fact]
    public void A_base64_key_that_begins_with_0x_is_base64()
    {
        // One random key in 2048 encodes to base64 text beginning with "0x" or "0X"; it was taken for hex and refused.
        var key = Convert.FromBase64String("0X1MW92QtzgrvnaCH91dW/FWccUMMb4Qa12f/G8LVCk=");
        Assert.Equal(32, key.Length);
        Assert.Equal(key, Source("0X1MW92QtzgrvnaCH91dW/FWccUMMb4Qa12f/G8LVCk=").For("node-1", Path.GetTempPath()));
    }

    private static KeyEncryptionKeySource Source(string key) =>
        new(new NodeOptions { KeyEncryptionKeys = { ["node-1"] = key } }, new HostingEnvironment { EnvironmentName = "Production" });
}
