using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Apps.bitcoin_cli;

/// <summary>Orders the members of a batch reply by their numeric ids (Core's JSONRPCProcessBatchReply).</summary>
internal static class BatchReply
{
    public static JsonObject[] ByIds(JsonNode reply, int size)
    {
        if (reply is not JsonArray array) throw new InvalidOperationException("Batch must be an array");
        var batch = new JsonObject[Math.Max(size, array.Count)];
        foreach (var item in array)
        {
            if (item is not JsonObject obj) throw new InvalidOperationException("Batch member must be an object");
            int id = obj.Find("id").GetInt32();
            if (id < 0 || id >= array.Count) throw new InvalidOperationException("Batch member id is larger than batch size");
            batch[id] = obj;
        }
        for (int i = 0; i < batch.Length; i++) batch[i] ??= new JsonObject();
        return batch;
    }
}
