using System.Security.Cryptography;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Long-term OT-extension state of the extension sender (RVOLE "Alice") for one ordered pair: its 256 secret
/// correlation bits Δ (its base-OT choice bits) and the 256 seeds it received in the base OTs (seed_j = k_{j,Δ_j}).
/// Produced at key generation when this party was the base-OT receiver. Secret.
/// </summary>
public sealed class OtExtensionSenderSeeds
{
    public OtExtensionSenderSeeds(byte[] delta, byte[] seeds)
    {
        if (delta.Length != OtParameters.BaseOtCount / 8 || seeds.Length != OtParameters.BaseOtCount * OtParameters.SeedLength)
        {
            throw new ArgumentException("wrong OT sender seed lengths");
        }

        Delta = delta;
        Seeds = seeds;
    }

    /// <summary>Δ as 256 bits, bit j = (Delta[j / 8] >> (j % 8)) &amp; 1.</summary>
    public byte[] Delta { get; }

    /// <summary>256 seeds of <see cref="OtParameters.SeedLength"/> bytes, concatenated.</summary>
    public byte[] Seeds { get; }

    public void Write(WireWriter writer) => writer.WriteFixed(Delta).WriteFixed(Seeds);

    public static OtExtensionSenderSeeds Read(ref WireReader reader) => new(
        reader.ReadFixed(OtParameters.BaseOtCount / 8).ToArray(),
        reader.ReadFixed(OtParameters.BaseOtCount * OtParameters.SeedLength).ToArray());

    public void Clear()
    {
        CryptographicOperations.ZeroMemory(Delta);
        CryptographicOperations.ZeroMemory(Seeds);
    }
}
