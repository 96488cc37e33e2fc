using System.Numerics;
using System.Text.Json.Nodes;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary>
/// <c>{"kind": "erc20Transfer", "token", "to", "amount"}</c>: <see cref="Amount"/> base units of the ERC-20
/// <see cref="Token"/> to <see cref="To"/>. The service encodes <c>transfer(to, amount)</c>, simulates it and reads the
/// token's symbol and decimals from the chain (the resource's <see cref="Transaction.Token"/>).
/// </summary>
public sealed record Erc20TransferRequest : TransactionRequest
{
    /// <summary>The token contract.</summary>
    public required string Token { get; init; }

    /// <summary>The recipient of the tokens.</summary>
    public required string To { get; init; }

    /// <summary>In the token's base units (for 6 decimals, 1 token is 1000000).</summary>
    public required BigInteger Amount { get; init; }

    private protected override void WriteKind(JsonObject body)
    {
        body["kind"] = "erc20Transfer";
        body["token"] = Token;
        body["to"] = To;
        body["amount"] = ClientJson.Decimal(Amount);
    }
}
