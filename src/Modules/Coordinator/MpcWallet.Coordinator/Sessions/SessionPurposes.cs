namespace MpcWallet.Coordinator.Sessions;

/// <summary>How a purpose is spelled in the store.</summary>
internal static class SessionPurposes
{
    public static string Name(SessionPurpose purpose) => purpose switch
    {
        SessionPurpose.Signing => "signing",
        SessionPurpose.Refresh => "refresh",
        _ => "key_generation",
    };

    public static SessionPurpose? Parse(string name) => name switch
    {
        "signing" => SessionPurpose.Signing,
        "key_generation" => SessionPurpose.KeyGeneration,
        "refresh" => SessionPurpose.Refresh,
        _ => null,
    };
}
