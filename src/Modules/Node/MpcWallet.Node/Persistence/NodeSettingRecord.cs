namespace MpcWallet.Node.Persistence;

/// <summary>A node-level value, e.g. the sealed key-encryption-key check and the sealed channel identity.</summary>
internal sealed class NodeSettingRecord
{
    public required string Name { get; set; }

    public required byte[] Value { get; set; }
}
