namespace MpcWallet.Coordinator.Sessions;

/// <summary>How a purpose is spelled in the store.</summary>
internal static class SessionPurposes
{
    public static string Name(SessionPurpose purpose) => purpose == SessionPurpose.Signing ? "signing" : "key_generation";

    public static SessionPurpose? Parse(string name) => name switch
    {
        "signing" => SessionPurpose.Signing,
        "key_generation" => SessionPurpose.KeyGeneration,
        _ => null,
    };
}
