using MpcWallet.Infrastructure.Modules;

namespace MpcWallet.Infrastructure.Security;

/// <summary>
/// What a process's links are protected by, settled from its configuration: a split-deployment process (one not
/// running coordinator and nodes together) must have none in cleartext unless <see cref="SecurityOptions.AllowCleartext"/>
/// (development only); a single-host process keeps its links on loopback and may leave them in cleartext.
/// </summary>
public sealed class TransportSecurity
{
    private TransportSecurity(bool splitMode, bool allowCleartext, IReadOnlyList<string> cleartext)
    {
        SplitMode = splitMode;
        AllowCleartext = allowCleartext;
        Cleartext = cleartext;
    }

    public bool SplitMode { get; }

    public bool AllowCleartext { get; }

    /// <summary>The process's unprotected links, each named with its setting (<see cref="CleartextLinks"/>).</summary>
    public IReadOnlyList<string> Cleartext { get; }

    /// <summary>Why the process must not start, or null.</summary>
    public string? Failure => SplitMode && !AllowCleartext && Cleartext.Count > 0
        ? $"a split-deployment process refuses cleartext links ({string.Join("; ", Cleartext)}); Security:AllowCleartext=true allows them for development only"
        : null;

    /// <summary>True when the start banner must warn (a split process allowed to run with cleartext links).</summary>
    public bool Weakened => SplitMode && AllowCleartext && Cleartext.Count > 0;

    /// <summary>One line for the start banner.</summary>
    public string Description => (SplitMode, Cleartext.Count) switch
    {
        (false, _) => "single-host development mode: its links stay on loopback in cleartext (a split deployment requires TLS on each; docs/security.md)",
        (true, 0) => "every broker and database link uses TLS with a checked server certificate",
        _ => $"Security:AllowCleartext=true (development only) lets this split process run with cleartext links: {string.Join("; ", Cleartext)}",
    };

    public static TransportSecurity Of(ModuleContext process, bool splitMode, SecurityOptions options) =>
        new(splitMode, options.AllowCleartext, CleartextLinks.Of(process));
}
