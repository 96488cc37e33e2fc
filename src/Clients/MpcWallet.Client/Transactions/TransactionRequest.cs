using System.Numerics;
using System.Text.Json.Nodes;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary>
/// A transaction to create. What every kind shares — the chain and optional gas settings (omitted ones are
/// estimated by the service) — lives here; each kind is a subclass: <see cref="TransferRequest"/> (ether and/or call
/// data), <see cref="Erc20TransferRequest"/> and <see cref="ContractCallRequest"/>.
/// </summary>
public abstract record TransactionRequest
{
    private protected TransactionRequest()
    {
    }

    public required ulong ChainId { get; init; }

    public BigInteger? GasLimit { get; init; }

    public BigInteger? MaxFeePerGas { get; init; }

    public BigInteger? MaxPriorityFeePerGas { get; init; }

    /// <summary>
    /// Accept a <see cref="MaxFeePerGas"/> below the chain's current base fee: the transaction waits for the base fee
    /// to fall (and is re-priced to the market if it is still waiting after the service's StuckAfter). Without it such
    /// a request is refused with a 422.
    /// </summary>
    public bool AllowBelowBaseFee { get; init; }

    /// <summary>
    /// Send from the wallet's non-hardened BIP32 child address at this path ("m/0/7"), with its own nonces; null sends
    /// from the wallet's root address. <c>GET /v1/wallets/{id}/addresses?path=</c> (<see cref="Wallets.WalletsClient.GetAddressAsync"/>) tells the address.
    /// </summary>
    public string? DerivationPath { get; init; }

    internal JsonObject ToJson()
    {
        var body = new JsonObject { ["chainId"] = ChainId };
        WriteKind(body);
        Optional(body, "gasLimit", GasLimit);
        Optional(body, "maxFeePerGas", MaxFeePerGas);
        Optional(body, "maxPriorityFeePerGas", MaxPriorityFeePerGas);
        if (AllowBelowBaseFee)
        {
            body["allowBelowBaseFee"] = true;
        }

        if (DerivationPath is { } path)
        {
            body["derivationPath"] = path;
        }

        return body;
    }

    /// <summary>Adds the members of this kind of transaction to the body.</summary>
    private protected abstract void WriteKind(JsonObject body);

    private static void Optional(JsonObject body, string name, BigInteger? value)
    {
        if (value is { } v)
        {
            body[name] = ClientJson.Decimal(v);
        }
    }
}
