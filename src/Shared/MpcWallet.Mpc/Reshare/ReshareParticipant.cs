namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// One participant of a reshare session. <see cref="Party"/> is its index in this session (envelope sender and
/// recipient, 1..16, chosen by the caller); <see cref="OldIndex"/> is its index in the key being reshared when it deals
/// (an old holder taking part), <see cref="NewIndex"/> its index in the new key when it receives a new share. A node
/// that keeps its place has both, a removed node only the first, an added node only the second.
/// </summary>
public sealed record ReshareParticipant(int Party, int? OldIndex, int? NewIndex)
{
    public bool Deals => OldIndex is not null;

    public bool Receives => NewIndex is not null;
}
