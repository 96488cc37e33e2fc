using System.Security.Cryptography;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Long-term OT-extension state of the extension receiver (RVOLE "Bob") for one ordered pair: both seeds of each of
/// the 256 base OTs (k_{j,0}, k_{j,1}). Produced at key generation when this party was the base-OT sender. Secret.
/// </summary>
public sealed class OtExtensionReceiverSeeds
{
    public OtExtensionReceiverSeeds(byte[] seeds0, byte[] seeds1)
    {
        const int length = OtParameters.BaseOtCount * OtParameters.SeedLength;
        if (seeds0.Length != length || seeds1.Length != length)
        {
            throw new ArgumentException("wrong OT receiver seed lengths");
        }

        Seeds0 = seeds0;
        Seeds1 = seeds1;
    }

    public byte[] Seeds0 { get; }

    public byte[] Seeds1 { get; }

    public void Write(WireWriter writer) => writer.WriteFixed(Seeds0).WriteFixed(Seeds1);

    public static OtExtensionReceiverSeeds Read(ref WireReader reader)
    {
        const int length = OtParameters.BaseOtCount * OtParameters.SeedLength;
        return new(reader.ReadFixed(length).ToArray(), reader.ReadFixed(length).ToArray());
    }

    public void Clear()
    {
        CryptographicOperations.ZeroMemory(Seeds0);
        CryptographicOperations.ZeroMemory(Seeds1);
    }
}
