using System.Security.Cryptography;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// One party's output of the OT extension in row form: 640 rows of 256 bits (4 words each). For the receiver the rows
/// are t_l; for the sender q_l = t_l ⊕ x_l·Δ. Secret; erase after hashing into pads.
/// </summary>
internal sealed class OtExtensionRows : IDisposable
{
    public const int WordsPerRow = OtParameters.BaseOtCount / 64;

    public OtExtensionRows(ulong[] words)
    {
        if (words.Length != OtParameters.ExtendedRows * WordsPerRow)
        {
            throw new ArgumentException("wrong row matrix size");
        }

        Words = words;
    }

    public ulong[] Words { get; }

    public ReadOnlySpan<ulong> Row(int index) => Words.AsSpan(index * WordsPerRow, WordsPerRow);

    public void Dispose() => CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Words.AsSpan()));
}
