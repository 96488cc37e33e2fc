using System.Text.Json;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Lifecycle;

namespace MpcWallet.Transactions.Tests.Units;

public sealed class RequestParserTests
{
    private static (TransactionRequest? Request, Dictionary<string, string[]> Errors) Parse(string json) => TransactionRequestParser.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Defaults_are_value_zero_and_empty_data()
    {
        var (request, errors) = Parse("""{"chainId":31337,"to":"0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"}""");
        Assert.Empty(errors);
        Assert.True(request!.Value.IsZero);
        Assert.Empty(request.Data);
        Assert.Null(request.GasLimit);
    }

    [Fact]
    public void The_fingerprint_ignores_formatting_but_not_content()
    {
        var a = Parse("""{"chainId":31337,"to":"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359","value":"5"}""").Request!;
        var b = Parse("""{"data":"0x","value":"5","to":"0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359","chainId":31337}""").Request!;
        var c = Parse("""{"chainId":31337,"to":"0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359","value":"6"}""").Request!;
        Assert.Equal(a.Fingerprint(), b.Fingerprint());
        Assert.NotEqual(a.Fingerprint(), c.Fingerprint());
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var (request, errors) = Parse("""{"chainId":"1","to":"0x12","value":"-3","data":"0xg0"}""");
        Assert.Null(request);
        Assert.Equal(["chainId", "data", "to", "value"], errors.Keys.Order());
    }
}
