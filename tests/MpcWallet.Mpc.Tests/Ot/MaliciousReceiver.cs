using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Ot;

/// <summary>
/// An extension receiver that deviates adaptively: it XORs a random non-zero error into one column of u and then
/// recomputes the Fiat–Shamir challenges and its check values (x̃, t̃) for the corrupted u, exactly as the protocol
/// prescribes for the message it actually sends. This is the selective-failure attack on Δ: the check can only fail
/// through the corrupted column, and it does so iff Δ_j = 1.
/// </summary>
internal static class MaliciousReceiver
{
    public static OtExtensionMessage CorruptColumn(byte[] sid, OtExtensionReceiverSeeds seeds, byte[] choices, int column, Random noise)
    {
        var (rows, honest) = OtExtension.Receive(sid, seeds, choices);
        // Recover the receiver's own columns t^j from its rows (the transpose is its own inverse).
        var t = new ulong[rows.Words.Length];
        BitMatrix.Transpose(rows.Words, OtParameters.ExtendedRows, OtExtensionRows.WordsPerRow, t);
        rows.Dispose();
        var tBytes = new byte[t.Length * 8];
        Buffer.BlockCopy(t, 0, tBytes, 0, tBytes.Length);

        var correction = (byte[])honest.Correction.Clone();
        var error = new byte[OtExtensionMessage.ColumnBytes];
        do
        {
            noise.NextBytes(error);
        }
        while (error.All(b => b == 0));

        for (var k = 0; k < error.Length; k++)
        {
            correction[(column * OtExtensionMessage.ColumnBytes) + k] ^= error[k];
        }

        var chi = new Gf128[OtExtension.Blocks];
        OtExtension.Challenges(sid, correction, chi);
        var checkChoices = new byte[Gf128.EncodedLength];
        OtExtension.Compress(choices, chi).WriteTo(checkChoices);
        var checkColumns = new byte[OtExtensionMessage.CheckColumnsLength];
        for (var j = 0; j < OtParameters.BaseOtCount; j++)
        {
            OtExtension.Compress(tBytes.AsSpan(j * OtExtensionMessage.ColumnBytes, OtExtensionMessage.ColumnBytes), chi)
                .WriteTo(checkColumns.AsSpan(j * Gf128.EncodedLength));
        }

        return new OtExtensionMessage(correction, checkChoices, checkColumns);
    }
}
