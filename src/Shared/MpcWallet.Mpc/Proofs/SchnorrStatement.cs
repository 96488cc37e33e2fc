namespace MpcWallet.Mpc.Proofs;

/// <summary>
/// What a <see cref="SchnorrProof"/> is about besides X: the agreed session (32 bytes), the prover's index, a purpose
/// label naming the statement kind, and context bytes specific to that purpose (may be empty).
/// </summary>
internal sealed class SchnorrStatement
{
    public SchnorrStatement(byte[] session, int prover, string purpose, byte[] context)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        Session = session;
        Prover = prover;
        Purpose = purpose;
        Context = context;
    }

    public byte[] Session { get; }

    public int Prover { get; }

    public string Purpose { get; }

    public byte[] Context { get; }
}
