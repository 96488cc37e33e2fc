using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Testing.Split;

/// <summary>
/// One RabbitMQ user per process of a split cluster, as the README asks of deployments: each user's permissions are
/// what <c>MpcWallet.Host broker-permissions</c> prints for that process's own arguments, and all users of a batch are
/// created with one <c>rabbitmqctl import_definitions</c> (each rabbitmqctl call starts an Erlang VM).
/// </summary>
public static class BrokerUsers
{
    /// <summary>A user for a process: its name and password (the password goes into the process's environment).</summary>
    public sealed record Credentials(string User, string Password);

    public static Credentials NewCredentials(string virtualHost, string processName) =>
        new($"{virtualHost}-{processName}", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Creates the users on <paramref name="virtualHost"/> with the permissions each process's arguments call for.</summary>
    public static async Task CreateAsync(string virtualHost, IReadOnlyList<(Credentials Credentials, IReadOnlyList<string> Arguments)> processes)
    {
        var permissions = await Task.WhenAll(processes.Select(p => PermissionsAsync(p.Arguments)));
        var users = new JsonArray();
        var grants = new JsonArray();
        for (var i = 0; i < processes.Count; i++)
        {
            var (credentials, _) = processes[i];
            users.Add(new JsonObject
            {
                ["name"] = credentials.User,
                ["password_hash"] = PasswordHash(credentials.Password),
                ["hashing_algorithm"] = "rabbit_password_hashing_sha256",
                ["tags"] = new JsonArray(),
            });
            grants.Add(new JsonObject
            {
                ["user"] = credentials.User,
                ["vhost"] = virtualHost,
                ["configure"] = permissions[i].GetProperty("configure").GetString(),
                ["write"] = permissions[i].GetProperty("write").GetString(),
                ["read"] = permissions[i].GetProperty("read").GetString(),
            });
        }

        var file = Path.Combine(Path.GetTempPath(), $"mpcwallet-definitions-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonObject { ["users"] = users, ["permissions"] = grants }.ToJsonString());
        try
        {
            await TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, "import_definitions", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Host arguments that log a process in as <paramref name="credentials"/>' user (the password is in the environment).</summary>
    public static string[] UserArguments(Credentials credentials) => ["--Broker:RabbitMQ:Username", credentials.User];

    public static KeyValuePair<string, string> PasswordVariable(Credentials credentials) => new("Broker__RabbitMQ__Password", credentials.Password);

    private static async Task<JsonElement> PermissionsAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryFiles.HostDll());
        start.ArgumentList.Add("broker-permissions");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"broker-permissions failed ({process.ExitCode}): {await output} {await error}");
        }

        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    // RabbitMQ's SHA-256 scheme: base64(salt ‖ SHA-256(salt ‖ password)) with a 4-byte salt.
    private static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }
}
