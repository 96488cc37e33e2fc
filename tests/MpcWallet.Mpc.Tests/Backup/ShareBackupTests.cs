using System.Text;
using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Backup;

public sealed class ShareBackupTests(ShareBackupFixture fixture) : IClassFixture<ShareBackupFixture>
{
    // Header offsets for wallet id "wal_7f3c2a" (10 bytes) and node id "node-2" (6 bytes): magic 0..3, version 4,
    // suite 5..10, recipient 11..42, wallet id length 43..44, wallet id 45..54, node id length 55..56, node id 57..62,
    // party index 63, threshold 64, party count 65, generation 66..69, key id 70..101, public key 102..134,
    // public share 135..167; enc 168..199, ciphertext length 200..203, ciphertext 204.. (tag = last 16 bytes).
    private const int Version = 4;
    private const int Suite = 5;
    private const int Recipient = 11;
    private const int WalletIdAt = 45;
    private const int NodeIdAt = 57;
    private const int PartyIndex = 63;
    private const int Threshold = 64;
    private const int Generation = 66;
    private const int KeyId = 70;
    private const int PublicKey = 102;
    private const int PublicShare = 135;
    private const int Enc = 168;
    private const int Ciphertext = 204;

    [Fact]
    public void A_restored_share_equals_the_original_and_signs_with_the_other_holders()
    {
        var restored = ShareBackup.Restore(fixture.Backup, fixture.RecoveryKey, fixture.Expected);
        Assert.Equal(fixture.Shares[2].Encode(), restored.Encode());

        var random = new SeededRandomSource(84);
        var digest = new byte[32];
        random.Fill(digest);
        KeyShare[] shares = [fixture.Shares[1], restored, fixture.Shares[3]];
        var signature = SigningHarness.Sign(shares, [1, 2], digest, [0, 7], random);
        var child = Mpc.Derivation.KeyDerivation.DeriveChild(restored.PublicKey, restored.RootChainCode, [0, 7]).PublicKey;
        Assert.True(IndependentVerifier.VerifyWithDotNet(child, digest, signature));
    }

    [Fact]
    public void The_header_is_readable_without_the_recovery_key()
    {
        var header = ShareBackup.ReadHeader(fixture.Backup);
        var share = fixture.Shares[2];
        Assert.Equal(ShareBackupFixture.WalletId, header.WalletId);
        Assert.Equal(ShareBackupFixture.NodeId, header.NodeId);
        Assert.Equal(2, header.PartyIndex);
        Assert.Equal(2, header.Threshold);
        Assert.Equal(3, header.PartyCount);
        Assert.Equal(share.Generation, header.Generation);
        Assert.Equal(share.KeyId, header.KeyId);
        Assert.Equal(share.PublicKey, header.PublicKey);
        Assert.Equal(share.PublicShares[1], header.PublicShare);
        Assert.Equal(fixture.RecoveryKey.PublicKey, header.Recipient);
        Assert.Equal(fixture.Backup.Length - Ciphertext, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(fixture.Backup.AsSpan(Ciphertext - 4)));
    }

    [Fact]
    public void The_plaintext_share_does_not_appear_in_the_backup()
    {
        var secret = fixture.Shares[2].SecretShare.ToBytes();
        Assert.Equal(-1, fixture.Backup.AsSpan().IndexOf(secret));
        Assert.Equal(-1, fixture.Backup.AsSpan().IndexOf(fixture.Shares[2].Pairwise[0].ZeroShareSeed));
    }

    public static TheoryData<string> AuthenticatedFields => ["party index", "threshold", "generation", "wallet id and expectation", "node id and expectation", "enc", "ciphertext", "tag"];

    [Theory]
    [MemberData(nameof(AuthenticatedFields))]
    public void Changing_an_authenticated_field_consistently_is_caught_by_authentication(string field)
    {
        var expected = fixture.Expected;
        var backup = (byte[])fixture.Backup.Clone();
        switch (field)
        {
            case "party index":
                backup[PartyIndex] = 3;
                break;
            case "threshold":
                backup[Threshold] = 3;
                break;
            case "generation":
                backup[Generation + 3] ^= 1;
                break;
            case "wallet id and expectation":
                backup[WalletIdAt + 4] = (byte)'8';
                expected = new ShareBackupExpectation("wal_8f3c2a", expected.NodeId, expected.PublicKey, expected.KeyId);
                break;
            case "node id and expectation":
                backup[NodeIdAt + 5] = (byte)'3';
                expected = new ShareBackupExpectation(expected.WalletId, "node-3", expected.PublicKey, expected.KeyId);
                break;
            case "enc":
                backup[Enc + 7] ^= 0x10;
                break;
            case "ciphertext":
                backup[Ciphertext + 100] ^= 0x01;
                break;
            default:
                backup[^1] ^= 0x80;
                break;
        }

        var error = Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(backup, fixture.RecoveryKey, expected));
        Assert.Equal(ShareBackupFailure.Tampered, error.Reason);
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WalletIdAt, "wallet")]
    [InlineData(NodeIdAt + 5, "node")]
    [InlineData(KeyId + 31, "key id")]
    [InlineData(PublicKey + 32, "public key")]
    public void A_backup_of_another_wallet_node_key_or_generation_is_refused_before_decryption(int offset, string what)
    {
        var backup = (byte[])fixture.Backup.Clone();
        backup[offset] ^= 0x01;
        var error = Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(backup, fixture.RecoveryKey, fixture.Expected));
        // A flipped public-key byte may leave no valid point: then the header itself is malformed.
        Assert.True(error.Reason is ShareBackupFailure.Mismatch || (what == "public key" && error.Reason is ShareBackupFailure.Malformed), $"{error.Reason}: {error.Message}");
        if (error.Reason == ShareBackupFailure.Mismatch)
        {
            Assert.Contains(what, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Expectations_about_party_and_public_share_are_enforced()
    {
        var wrongParty = new ShareBackupExpectation(ShareBackupFixture.WalletId, ShareBackupFixture.NodeId, fixture.Shares[2].PublicKey, fixture.Shares[2].KeyId) { PartyIndex = 3 };
        Assert.Equal(ShareBackupFailure.Mismatch, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(fixture.Backup, fixture.RecoveryKey, wrongParty)).Reason);
        var wrongShare = new ShareBackupExpectation(ShareBackupFixture.WalletId, ShareBackupFixture.NodeId, fixture.Shares[2].PublicKey, fixture.Shares[2].KeyId) { PublicShare = fixture.Shares[2].PublicShares[2] };
        var error = Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(fixture.Backup, fixture.RecoveryKey, wrongShare));
        Assert.Equal(ShareBackupFailure.Mismatch, error.Reason);
        Assert.Contains("public share", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_of_an_older_generation_is_refused_naming_the_generation()
    {
        var refreshed = KeygenHarness.RunRefresh(fixture.Shares, 85);
        var current = new ShareBackupExpectation(ShareBackupFixture.WalletId, ShareBackupFixture.NodeId, refreshed[2].PublicKey, refreshed[2].KeyId);
        var error = Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(fixture.Backup, fixture.RecoveryKey, current));
        Assert.Equal(ShareBackupFailure.Mismatch, error.Reason);
        Assert.Contains("generation 0", error.Message, StringComparison.Ordinal);

        var newer = ShareBackup.Seal(refreshed[2], ShareBackupFixture.WalletId, ShareBackupFixture.NodeId, fixture.RecoveryKey.PublicKey, new SeededRandomSource(86));
        Assert.Equal(1u, ShareBackup.Restore(newer, fixture.RecoveryKey, current).Generation);
    }

    [Fact]
    public void Another_recovery_key_is_refused_by_name()
    {
        using var other = RecoveryPrivateKey.Generate(new SeededRandomSource(87));
        var error = Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(fixture.Backup, other, fixture.Expected));
        Assert.Equal(ShareBackupFailure.WrongRecoveryKey, error.Reason);
        Assert.Contains(fixture.RecoveryKey.PublicKey.ToString(), error.Message, StringComparison.Ordinal);

        // A backup whose recipient field names the other key is still encrypted to ours: it does not open.
        var relabelled = (byte[])fixture.Backup.Clone();
        other.PublicKey.Span.CopyTo(relabelled.AsSpan(Recipient));
        Assert.Equal(ShareBackupFailure.Tampered, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(relabelled, other, fixture.Expected)).Reason);
    }

    [Fact]
    public void A_header_that_lies_about_its_share_is_refused_after_decryption()
    {
        var share1 = fixture.Shares[1];
        var header = ShareBackup.ReadHeader(fixture.Backup);
        var plaintext = share1.Encode();
        var lying = ShareBackup.Seal(header, plaintext, new SeededRandomSource(88));
        var error = Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(lying, fixture.RecoveryKey, fixture.Expected));
        Assert.Equal(ShareBackupFailure.Mismatch, error.Reason);
        Assert.Contains("does not match the backup's header", error.Message, StringComparison.Ordinal);

        var garbage = ShareBackup.Seal(header, Encoding.ASCII.GetBytes("not a key share"), new SeededRandomSource(89));
        Assert.Equal(ShareBackupFailure.Malformed, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(garbage, fixture.RecoveryKey, fixture.Expected)).Reason);
    }

    [Theory]
    [InlineData(0, ShareBackupFailure.Malformed)]
    [InlineData(Version, ShareBackupFailure.Unsupported)]
    [InlineData(Suite + 1, ShareBackupFailure.Unsupported)]
    [InlineData(Suite + 5, ShareBackupFailure.Unsupported)]
    [InlineData(PartyIndex, ShareBackupFailure.Malformed)]
    [InlineData(Threshold, ShareBackupFailure.Malformed)]
    public void Structural_damage_is_reported_as_such(int offset, ShareBackupFailure reason)
    {
        var backup = (byte[])fixture.Backup.Clone();
        backup[offset] = offset is PartyIndex or Threshold ? (byte)9 : (byte)(backup[offset] ^ 0x02);
        Assert.Equal(reason, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(backup, fixture.RecoveryKey, fixture.Expected)).Reason);
        Assert.Equal(reason, Assert.Throws<ShareBackupException>(() => ShareBackup.ReadHeader(backup)).Reason);
    }

    [Fact]
    public void Truncated_extended_and_random_backups_throw_only_backup_errors()
    {
        Assert.Equal(ShareBackupFailure.Malformed, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(fixture.Backup.AsSpan(0, fixture.Backup.Length - 1), fixture.RecoveryKey, fixture.Expected)).Reason);
        Assert.Equal(ShareBackupFailure.Malformed, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore([.. fixture.Backup, 0], fixture.RecoveryKey, fixture.Expected)).Reason);
        var random = new Random(90);
        for (var n = 0; n < 3_000; n++)
        {
            var input = (byte[])fixture.Backup.Clone();
            switch (n % 3)
            {
                case 0:
                    input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    input = input[..random.Next(input.Length)];
                    break;
                default:
                    random.NextBytes(input.AsSpan(random.Next(input.Length)));
                    break;
            }

            var outcome = Record.Exception(() => ShareBackup.Restore(input, fixture.RecoveryKey, fixture.Expected));
            Assert.IsType<ShareBackupException>(outcome);
        }
    }

    [Fact]
    public void Recovery_public_keys_refuse_small_order_and_non_canonical_values()
    {
        Assert.Throws<ArgumentException>(() => new RecoveryPublicKey(new byte[32]));
        Assert.Throws<ArgumentException>(() => new RecoveryPublicKey([1, .. new byte[31]]));
        Assert.Throws<ArgumentException>(() => new RecoveryPublicKey([.. Enumerable.Repeat((byte)0xff, 31), 0x7f]));
        Assert.Throws<ArgumentException>(() => new RecoveryPublicKey([.. new byte[31], 0x80]));
        Assert.Throws<ArgumentException>(() => new RecoveryPublicKey(new byte[31]));
        var key = fixture.RecoveryKey.PublicKey;
        Assert.Equal(key, RecoveryPublicKey.Parse(key.ToString()));
        Assert.Equal(key, RecoveryPublicKey.Parse("0x" + key));
        using var imported = RecoveryPrivateKey.Import(fixture.RecoveryKey.Export());
        Assert.Equal(key, imported.PublicKey);
    }

    [Fact]
    public void The_largest_share_sixteen_parties_fits_the_format()
    {
        // Structure only (random seeds stand in for base-OT output): the size is what matters here.
        var random = new SeededRandomSource(92);
        var secret = Scalar.Random(random);
        var shares = Enumerable.Range(1, 16).Select(j => j == 5 ? Point.MultiplyGenerator(secret) : Point.MultiplyGenerator(Scalar.Random(random))).ToArray();
        byte[] Bytes(int length)
        {
            var bytes = new byte[length];
            random.Fill(bytes);
            return bytes;
        }

        var pairwise = Enumerable.Range(1, 16).Where(j => j != 5).Select(j => new PairwiseKeyMaterial(
            j, Bytes(32), new Mpc.Ot.OtExtensionSenderSeeds(Bytes(32), Bytes(256 * 32)), new Mpc.Ot.OtExtensionReceiverSeeds(Bytes(256 * 32), Bytes(256 * 32)))).ToArray();
        var share = new KeyShare(9, 16, 5, 7, Bytes(32), secret, Point.MultiplyGenerator(Scalar.Random(random)), shares, Bytes(32), pairwise);
        var backup = ShareBackup.Seal(share, "w", "n", fixture.RecoveryKey.PublicKey, random);
        Assert.InRange(backup.Length, 360_000, ShareBackup.MaxCiphertextLength);
        var restored = ShareBackup.Restore(backup, fixture.RecoveryKey, new ShareBackupExpectation("w", "n", share.PublicKey, share.KeyId) { PartyIndex = 5, PublicShare = shares[4] });
        Assert.Equal(share.Encode(), restored.Encode());
    }

    [Fact]
    public void Sealing_refuses_empty_oversized_or_invalid_ids()
    {
        var share = fixture.Shares[2];
        var key = fixture.RecoveryKey.PublicKey;
        var random = new SeededRandomSource(91);
        Assert.Throws<ArgumentException>(() => ShareBackup.Seal(share, "", "node-2", key, random));
        Assert.Throws<ArgumentException>(() => ShareBackup.Seal(share, "w", new string('n', 257), key, random));
        Assert.Throws<ArgumentException>(() => ShareBackup.Seal(share, "w\ud800", "node-2", key, random));
        Assert.Equal("wället-ü", ShareBackup.ReadHeader(ShareBackup.Seal(share, "wället-ü", "node-2", key, random)).WalletId);
    }
}
