using System.Net;
using MpcWallet.Client;
using MpcWallet.Client.Signatures;
using MpcWallet.Client.Transactions;
using MpcWallet.Client.Wallets;
using MpcWallet.Clients.Tests.Support;

namespace MpcWallet.Clients.Tests;

/// <summary>MpcWallet.Client against the real host: wallets, paging, idempotency, nodes, and problems as exceptions.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class RestClientTests(ClientHost host)
{
    [Fact]
    public async Task Nodes_are_listed_online()
    {
        var nodes = await host.Client.Nodes.ListAsync();
        Assert.Equal(["node-1", "node-2", "node-3"], nodes.Select(n => n.Id).Order());
        Assert.All(nodes, n => Assert.Equal("online", n.Status));
    }

    [Fact]
    public async Task The_shared_wallet_reads_back_active_with_key_address_and_nodes()
    {
        var wallet = await host.Client.Wallets.GetAsync(host.Wallet.Id);
        Assert.Equal(Wallet.Active, wallet.Status);
        Assert.Equal(2, wallet.Threshold);
        Assert.Equal(3, wallet.Parties);
        Assert.Equal(68, wallet.PublicKey!.Length);
        Assert.Equal(MpcWallet.Ethereum.Addresses.EthereumAddress.FromPublicKey(Convert.FromHexString(wallet.PublicKey[2..])).ToChecksumString(), wallet.Address);
        Assert.Equal(3, wallet.Nodes.Count);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_wallet_and_a_different_body_is_a_409()
    {
        var key = "clients-idem-" + Guid.NewGuid().ToString("N");
        var first = await host.Client.Wallets.CreateAsync(new CreateWalletRequest("idem"), RequestOptions.WithKey(key));
        var again = await host.Client.Wallets.CreateAsync(new CreateWalletRequest("idem"), RequestOptions.WithKey(key));
        Assert.Equal(first.Id, again.Id);

        var conflict = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Wallets.CreateAsync(new CreateWalletRequest("other label"), RequestOptions.WithKey(key)));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains("Idempotency-Key", conflict.Detail, StringComparison.Ordinal);

        await host.Client.Wallets.WaitUntilFinalAsync(first.Id, TimeSpan.FromSeconds(300));
    }

    [Fact]
    public async Task Automatic_idempotency_keys_make_each_call_its_own_request_and_a_given_key_repeats_one()
    {
        // (Signatures rather than wallets: the same rule, without the cost of key generation.)
        var digest = SignatureRequest.Digest(MpcWallet.Testing.SignatureCheck.RandomDigest());
        var a = await host.Client.Signatures.CreateAsync(host.Wallet.Id, digest);
        var b = await host.Client.Signatures.CreateAsync(host.Wallet.Id, digest);
        Assert.NotEqual(a.Id, b.Id);

        var key = RequestOptions.WithKey("clients-sig-" + Guid.NewGuid().ToString("N"));
        var c = await host.Client.Signatures.CreateAsync(host.Wallet.Id, digest, key);
        var d = await host.Client.Signatures.CreateAsync(host.Wallet.Id, digest, key);
        Assert.Equal(c.Id, d.Id);
        Assert.Equal(Signature.Completed, (await host.Client.Signatures.WaitUntilFinalAsync(c.Id, TimeSpan.FromSeconds(60))).Status);
    }

    [Fact]
    public async Task Listing_follows_cursors_page_by_page()
    {
        var first = await host.Client.Wallets.ListAsync(new PageRequest(Limit: 1));
        Assert.Single(first.Items);
        var all = new List<Wallet>();
        await foreach (var wallet in host.Client.Wallets.ListAllAsync(pageSize: 1))
        {
            all.Add(wallet);
        }

        Assert.Contains(all, w => w.Id == host.Wallet.Id);
        Assert.Equal(all.Count, all.Select(w => w.Id).Distinct().Count());
        Assert.Equal(first.Items[0].Id, all[0].Id);
        if (all.Count > 1)
        {
            Assert.NotNull(first.NextCursor);
            var second = await host.Client.Wallets.ListAsync(new PageRequest(1, first.NextCursor));
            Assert.Equal(all[1].Id, second.Items[0].Id);
        }
    }

    [Fact]
    public async Task Validation_problems_carry_status_title_detail_and_field_errors()
    {
        var invalid = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Wallets.CreateAsync(new CreateWalletRequest("bad", Threshold: 1)));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("The request is invalid.", invalid.Title);
        Assert.Contains("threshold", invalid.Errors.Keys);
        Assert.False(string.IsNullOrEmpty(invalid.Detail));

        var chain = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Transactions.CreateAsync(host.Wallet.Id, new TransferRequest { ChainId = 999, To = host.Wallet.Address! }));
        Assert.Equal(HttpStatusCode.BadRequest, chain.Status);
        Assert.Contains("chainId", chain.Errors.Keys);

        var digest = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Signatures.CreateAsync(host.Wallet.Id, SignatureRequest.TypedData("""{"types":{},"primaryType":"X","domain":{},"message":{}}""")));
        Assert.Equal(HttpStatusCode.BadRequest, digest.Status);
        Assert.Contains("typedData", digest.Errors.Keys);
    }

    [Fact]
    public async Task Missing_resources_other_tenants_and_bad_keys_are_problems_too()
    {
        var missing = await Assert.ThrowsAsync<MpcWalletProblemException>(() => host.Client.Wallets.GetAsync("wlt_does_not_exist"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Not found.", missing.Title);

        using var otherTenant = host.NewClient(ClientHost.OtherTenantKey);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MpcWalletProblemException>(() => otherTenant.Wallets.GetAsync(host.Wallet.Id))).Status);

        using var unauthenticated = host.NewClient("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<MpcWalletProblemException>(() => unauthenticated.Nodes.ListAsync())).Status);
    }

    [Fact]
    public async Task A_plain_transfer_waits_until_confirmed_and_lists_under_the_wallet()
    {
        var recipient = "0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var created = await host.Client.Transactions.CreateAsync(host.Wallet.Id, new TransferRequest { ChainId = 31337, To = recipient, Value = 12345 }, RequestOptions.WaitingFor(TimeSpan.FromSeconds(30)));
        var final = created.IsFinal ? created : await host.Client.Transactions.WaitUntilFinalAsync(created.Id, TimeSpan.FromSeconds(90));

        Assert.Equal(Transaction.Confirmed, final.Status);
        Assert.Equal(12345, (int)await host.Anvil.BalanceAsync(recipient));
        var mined = await host.Anvil.TransactionAsync(final.Hash!);
        Assert.Equal(host.Wallet.Address!.ToLowerInvariant(), mined!.Value.GetProperty("from").GetString());

        var listed = new List<Transaction>();
        await foreach (var transaction in host.Client.Transactions.ListAllAsync(host.Wallet.Id, pageSize: 2))
        {
            listed.Add(transaction);
        }

        Assert.Contains(listed, t => t.Id == final.Id);
    }
}
