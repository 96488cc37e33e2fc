using MpcWallet.Client.Wallets;
using Nethereum.RPC.Accounts;
using Nethereum.RPC.AccountSigning;
using Nethereum.RPC.NonceServices;
using Nethereum.RPC.TransactionManagers;

namespace MpcWallet.Client.Nethereum;

/// <summary>
/// A Nethereum account for one MpcWallet wallet on one chain. <c>new Web3(account, rpcUrl)</c> then works as with any
/// account: transactions (ether transfers, contract calls through Nethereum's contract services) go to the service's
/// transaction endpoint, which assigns the nonce and fees, signs with the wallet's nodes and submits; the hash comes
/// back once the transaction is submitted and Nethereum polls the chain for its receipt as usual. personal_sign and
/// eth_signTypedData_v4 go to the typed signature endpoints. Nothing here signs a digest blindly, and no raw
/// transaction is ever signed for the caller (SignTransactionAsync is refused).
/// </summary>
public sealed class MpcWalletAccount : IAccount
{
    public MpcWalletAccount(MpcWalletClient client, string walletId, string address, ulong chainId, MpcWalletAccountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(walletId);
        ArgumentException.ThrowIfNullOrEmpty(address);
        WalletId = walletId;
        Address = address;
        ChainId = chainId;
        var settings = options ?? new MpcWalletAccountOptions();
        TransactionManager = new MpcWalletTransactionManager(client, this, settings);
        AccountSigningService = new MpcWalletSigningService(client, this, settings);
    }

    /// <summary>The account of an active wallet, its address read from the service.</summary>
    public static async Task<MpcWalletAccount> LoadAsync(MpcWalletClient client, string walletId, ulong chainId, MpcWalletAccountOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var wallet = await client.Wallets.GetAsync(walletId, cancellationToken).ConfigureAwait(false);
        return wallet.Status == Wallet.Active && wallet.Address is { } address
            ? new MpcWalletAccount(client, walletId, address, chainId, options)
            : throw new InvalidOperationException($"Wallet {walletId} is {wallet.Status}, not active.");
    }

    public string WalletId { get; }

    public ulong ChainId { get; }

    public string Address { get; }

    public ITransactionManager TransactionManager { get; }

    /// <summary>None by default: the service assigns nonces. A nonce set on a transaction is refused.</summary>
    public INonceService? NonceService { get; set; }

    public IAccountSigningService AccountSigningService { get; }
}
