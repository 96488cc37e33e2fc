namespace MpcWallet.Mpc.Randomness;

/// <summary>Where a party's secrets come from. Production uses the OS CSPRNG; only tests inject a seeded source.</summary>
public interface IRandomSource
{
    void Fill(Span<byte> destination);
}
