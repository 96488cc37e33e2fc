using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Node;
using MpcWallet.Testing.Processes;
using OpenQA.Selenium;

namespace MpcWallet.EndToEndTests.OperatorConsole;

/// <summary>
/// The operators' console (/console) in a real browser (headless chromium through Selenium) against the real single
/// host: an admin signs in, a wallet created through the API appears, a signature shows its session, a transfer its
/// attempt and status history, the audit chain verifies, a stopped node goes offline and the wallet falls below its
/// quorum margin. A key without the admin role is refused. Screenshots:
/// tests/MpcWallet.EndToEndTests/TestResults/console/*.png.
/// </summary>
public sealed partial class OperatorConsoleTests
{
    private const string AdminKey = "test-admin-key-console-0003";
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] AdminArguments =
    [
        "--Auth:ApiKeys:2:Tenant", "operators",
        "--Auth:ApiKeys:2:Key", AdminKey,
        "--Auth:ApiKeys:2:Roles:0", "admin",
    ];

    [Fact]
    public async Task An_admin_sees_a_new_wallet_its_signature_and_transfer_and_a_stopped_node_go_offline()
    {
        await using var chain = await AnvilChain.StartAsync();
        await using var host = await TestHost.StartAsync(Backend.InMemorySqlite, extraArgs:
        [
            .. AdminArguments,
            "--modules", "coordinator,node,transactions",
            "--Chains:0:ChainId", AnvilChain.ChainId.ToString(CultureInfo.InvariantCulture),
            "--Chains:0:RpcUrl", chain.Endpoint.ToString(),
            "--Chains:0:Confirmations", "1",
            "--Chains:0:PollInterval", "00:00:00.200",
        ]);
        using var browser = HeadlessChromium.Start();
        var driver = browser.Driver;

        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, "/console"));
        SignIn(driver, AdminKey);
        await browser.WaitUntilAsync(
            d => d.FindElements(By.CssSelector("#nodes tr[data-node]")).Count == 3
                && d.FindElements(By.CssSelector("#nodes tr[data-node] td.status")).All(c => c.Text == "online"),
            UiTimeout, "the console lists the three nodes online", "failed-nodes-online");
        Assert.DoesNotContain(AdminKey, driver.Url, StringComparison.Ordinal);
        Assert.Equal(AdminKey, driver.ExecuteScript("return sessionStorage.getItem('mpcwallet.console.apiKey')"));
        Assert.NotEmpty(driver.FindElement(By.CssSelector("#nodes tr[data-node='node-1']")).FindElements(By.TagName("td"))[3].Text);
        browser.Screenshot("01-nodes-online");

        // A wallet created through the API by a tenant appears, with its threshold, holders and address.
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client, "console-wallet");
        var walletId = wallet.GetProperty("id").GetString()!;
        var address = wallet.GetProperty("address").GetString()!;
        await browser.WaitUntilAsync(
            d => d.FindElements(By.CssSelector($"#wallets tr[data-wallet='{walletId}']")) is [var row]
                && row.Text.Contains("active", StringComparison.Ordinal) && row.Text.Contains(address, StringComparison.Ordinal)
                && row.Text.Contains("2 of 3", StringComparison.Ordinal) && row.Text.Contains("(3 online)", StringComparison.Ordinal),
            UiTimeout, $"wallet {walletId} appears in the console", "failed-wallet");
        browser.Screenshot("02-wallet-created");

        var (status, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", """{"type": "digest", "digest": "0x3333333333333333333333333333333333333333333333333333333333333333"}""", wait: 30);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{status}: {signature}");
        var signatureId = signature.GetProperty("id").GetString()!;
        await browser.WaitUntilAsync(
            d => d.FindElements(By.CssSelector($"#signatures tr[data-signature='{signatureId}']")) is [var row]
                && row.Text.Contains("completed", StringComparison.Ordinal) && row.FindElements(By.CssSelector("ul.history li")).Count >= 1,
            UiTimeout, $"signature {signatureId} appears with its session", "failed-signature");

        // A transfer from the wallet shows its attempt and status history; the audit chain verifies.
        await chain.FundAsync(address, BigInteger.Pow(10, 18));
        await Eventually.TrueAsync(async () => (await client.GetAsync($"/v1/wallets/{walletId}/transactions")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the transaction service learns the wallet");
        var (sent, transfer, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/transactions", """{"chainId": 31337, "to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "value": "1000"}""", wait: 30);
        Assert.True(sent is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted, $"{sent}: {transfer}");
        var transferId = transfer.GetProperty("id").GetString()!;
        await browser.WaitUntilAsync(
            d => d.FindElements(By.CssSelector($"#transactions tr[data-transaction='{transferId}']")) is [var row]
                && row.Text.Contains("confirmed", StringComparison.Ordinal) && row.Text.Contains("tenant-a", StringComparison.Ordinal)
                && row.FindElements(By.CssSelector("td"))[5].FindElements(By.TagName("li")).Count >= 1
                && row.FindElements(By.CssSelector("td"))[6].Text.Contains("→ confirmed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), $"transfer {transferId} appears confirmed with its attempts and history", "failed-transfer");
        driver.FindElement(By.Id("verify-audit")).Click();
        await browser.WaitUntilAsync(
            d => d.FindElement(By.Id("audit")).Text.StartsWith("intact", StringComparison.Ordinal) && d.FindElement(By.Id("audit")).GetAttribute("class") == "valid",
            UiTimeout, "the audit chain is verified intact", "failed-audit");
        Assert.True(driver.FindElement(By.CssSelector("#outboxes tr[data-outbox='coordinator']")).Displayed);
        Assert.True(driver.FindElement(By.CssSelector("#outboxes tr[data-outbox='transactions']")).Displayed);
        browser.Screenshot("03-transfer-and-audit");

        // A node stops: the console shows it offline and the wallet below its quorum margin (2 of 3 holders online).
        await NodeModule.StopLocalNodeAsync(host.Services, "node-3");
        await browser.WaitUntilAsync(
            d => d.FindElement(By.CssSelector("#nodes tr[data-node='node-3'] td.status")).Text == "offline"
                && d.FindElement(By.CssSelector("#nodes tr[data-node='node-1'] td.status")).Text == "online"
                && d.FindElement(By.Id("quorum")).Text.Contains("1 below quorum margin", StringComparison.Ordinal)
                && d.FindElement(By.CssSelector($"#wallets tr[data-wallet='{walletId}']")).Text.Contains("(2 online)", StringComparison.Ordinal),
            UiTimeout, "node-3 is shown offline and the wallet below its quorum margin", "failed-node-offline");
        browser.Screenshot("04-node-offline");
        Assert.Empty(driver.FindElement(By.Id("error")).Text);

        // Signing out forgets the key.
        driver.FindElement(By.Id("logout")).Click();
        Assert.True(driver.FindElement(By.Id("login")).Displayed);
        Assert.Null(driver.ExecuteScript("return sessionStorage.getItem('mpcwallet.console.apiKey')"));
    }

    [Fact]
    public async Task A_key_without_the_admin_role_is_refused_by_the_console_and_the_admin_api()
    {
        await using var host = await TestHost.StartAsync(Backend.InMemorySqlite, extraArgs: AdminArguments);

        using (var tenant = host.Client())
        {
            var refused = await tenant.GetAsync("/v1/admin/cluster");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Api.AssertProblem(await refused.Content.ReadFromJsonAsync<JsonElement>(), 403);
        }

        using (var anonymous = host.Client(null))
        {
            var refused = await anonymous.GetAsync("/v1/admin/wallets");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var admin = host.Client(AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/admin/cluster")).StatusCode);
            var badLimit = await admin.GetAsync("/v1/admin/wallets?limit=0");
            Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
            Api.AssertProblem(await badLimit.Content.ReadFromJsonAsync<JsonElement>(), 400);
        }

        // The console's files: served from the host, a strict content security policy, nothing from elsewhere.
        using (var anonymous = host.Client(null))
        {
            foreach (var file in new[] { "/console", "/console/", "/console/console.js", "/console/console.css" })
            {
                var response = await anonymous.GetAsync(file);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
                Assert.DoesNotMatch(ExternalUrl(), await response.Content.ReadAsStringAsync());
            }
        }

        using var browser = HeadlessChromium.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, "/console/"));
        SignIn(driver, TestHost.KeyA);
        await browser.WaitUntilAsync(
            d => d.FindElement(By.Id("login")).Displayed && d.FindElement(By.Id("login-error")).Text.Contains("no admin role", StringComparison.Ordinal),
            UiTimeout, "the console refuses a tenant key", "failed-non-admin");
        Assert.False(driver.FindElement(By.Id("console-view")).Displayed);
        Assert.Null(driver.ExecuteScript("return sessionStorage.getItem('mpcwallet.console.apiKey')"));
        browser.Screenshot("05-non-admin-refused");

        // An admin on this process (no transaction service) sees the coordinator's sections only.
        SignIn(driver, AdminKey);
        await browser.WaitUntilAsync(
            d => d.FindElements(By.CssSelector("#nodes tr[data-node]")).Count == 3 && d.FindElements(By.CssSelector("#outboxes tr[data-outbox='coordinator']")).Count == 1,
            UiTimeout, "the admin sees the coordinator's sections", "failed-coordinator-only");
        Assert.False(driver.FindElement(By.Id("transactions-section")).Displayed);
        Assert.False(driver.FindElement(By.Id("audit-section")).Displayed);
    }

    private static void SignIn(IWebDriver driver, string key)
    {
        var field = driver.FindElement(By.Id("api-key"));
        Assert.Equal("password", field.GetAttribute("type"));
        field.SendKeys(key);
        driver.FindElement(By.Id("sign-in")).Click();
    }

    [GeneratedRegex(@"https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
