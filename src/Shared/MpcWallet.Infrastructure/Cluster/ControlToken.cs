using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace MpcWallet.Infrastructure.Cluster;

/// <summary>The NodeControl credential: header value on the client, constant-time check on the node.</summary>
public static class ControlToken
{
    public const string Header = "authorization";
    public const int MinimumLength = 32;

    /// <summary>What every process of a cluster needs, as the start-up check names it (never with the value).</summary>
    public static readonly string Requirement =
        $"Cluster:ControlToken (env Cluster__ControlToken) must be set, at least {MinimumLength} characters, the same value in the coordinator and every node";

    public static bool IsValid([NotNullWhen(true)] string? token) => token is { Length: >= MinimumLength };

    public static string HeaderValue(string token) => "Bearer " + token;

    public static bool Matches(string? presentedHeader, string token)
    {
        if (presentedHeader is null || !presentedHeader.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presentedHeader["Bearer ".Length..])),
            SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public static string Validate(string? token) =>
        IsValid(token) ? token : throw new InvalidOperationException(
            $"Cluster:ControlToken must be set (at least {MinimumLength} characters) when the coordinator and the nodes run in different processes; every process of the cluster needs the same value");
}
