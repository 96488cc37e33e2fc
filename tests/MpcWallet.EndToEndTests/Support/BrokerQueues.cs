using System.Text.Json;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>A queue as <c>rabbitmqctl list_queues</c> reports it.</summary>
public sealed record BrokerQueue(string Name, bool Durable, bool AutoDelete, long? MessageTtlMilliseconds, long Messages)
{
    /// <summary>Runs <c>list_queues</c> (JSON) through <paramref name="control"/> and parses it.</summary>
    public static async Task<IReadOnlyDictionary<string, BrokerQueue>> ListAsync(Func<string[], Task<string>> control, string virtualHost)
    {
        var json = await control(["list_queues", "-p", virtualHost, "--formatter", "json", "name", "durable", "auto_delete", "arguments", "messages"]);
        var queues = new Dictionary<string, BrokerQueue>();
        foreach (var queue in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            long? ttl = null;
            foreach (var argument in queue.GetProperty("arguments").EnumerateArray())
            {
                // [name, type, value]
                if (argument[0].GetString() == "x-message-ttl")
                {
                    ttl = argument[2].GetInt64();
                }
            }

            var name = queue.GetProperty("name").GetString()!;
            queues[name] = new BrokerQueue(name, queue.GetProperty("durable").GetBoolean(), queue.GetProperty("auto_delete").GetBoolean(), ttl, queue.GetProperty("messages").GetInt64());
        }

        return queues;
    }
}
