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
    public static OtExtensionMessage CorruptColumn(byte[] sid, OtExtensionReceiverSeeds seeds, byte[] choices, int column, Random noise) =>
        Corrupt(sid, seeds, choices, column, _ =>
        {
            var error = new byte[OtExtensionMessage.ColumnBytes];
            do
            {
                noise.NextBytes(error);
            }
            while (error.All(b => b == 0));

            return error;
        });

    /// <summary>
    /// The attack a challenge that does not depend on u would allow: the error of column j is a non-zero vector in
    /// the kernel of the challenges χ of the honest u (Σ_b χ_b·e_b = 0), so that, were χ unchanged, the corrupted
    /// column would check out for both values of Δ_j and the deviation would go unnoticed. The check values are then
    /// recomputed for the u actually sent, as the protocol prescribes.
    /// </summary>
    public static OtExtensionMessage HideColumnErrorFromHonestChallenges(byte[] sid, OtExtensionReceiverSeeds seeds, byte[] choices, int column, Random noise) =>
        Corrupt(sid, seeds, choices, column, honestCorrection =>
        {
            var chi = new Gf128[OtExtension.Blocks];
            OtExtension.Challenges(sid, honestCorrection, chi);
            var block = new byte[Gf128.EncodedLength];
            noise.NextBytes(block);
            block[0] |= 1;
            var e0 = Gf128.Read(block);
            var e4 = chi[0] * e0 * Inverse(chi[OtExtension.Blocks - 1]);
            var error = new byte[OtExtensionMessage.ColumnBytes];
            e0.WriteTo(error);
            e4.WriteTo(error.AsSpan((OtExtension.Blocks - 1) * Gf128.EncodedLength));
            return error;
        });

    private static OtExtensionMessage Corrupt(byte[] sid, OtExtensionReceiverSeeds seeds, byte[] choices, int column, Func<byte[], byte[]> chooseError)
    {
        var (rows, honest) = OtExtension.Receive(sid, seeds, choices);
        // Recover the receiver's own columns t^j from its rows (the transpose is its own inverse).
        var t = new ulong[rows.Words.Length];
        BitMatrix.Transpose(rows.Words, OtParameters.ExtendedRows, OtExtensionRows.WordsPerRow, t);
        rows.Dispose();
        var tBytes = new byte[t.Length * 8];
        Buffer.BlockCopy(t, 0, tBytes, 0, tBytes.Length);

        var correction = (byte[])honest.Correction.Clone();
        var error = chooseError(honest.Correction);

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

    // a^(2^128 − 2) = a⁻¹ in GF(2^128)*.
    private static Gf128 Inverse(Gf128 a)
    {
        var result = Gf128.One;
        var power = a;
        for (var bit = 1; bit < 128; bit++)
        {
            power *= power;
            result *= power;
        }

        return result;
    }
}
