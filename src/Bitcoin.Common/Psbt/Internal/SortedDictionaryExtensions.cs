namespace Bitcoin.Common.Psbt.Internal;

/// <summary>std::map::insert for SortedDictionary: adds unless the key is present (the existing value wins).</summary>
internal static class SortedDictionaryExtensions
{
    public static bool AddIfAbsent<TKey, TValue>(this SortedDictionary<TKey, TValue> map, TKey key, TValue value) where TKey : notnull
    {
        if (map.ContainsKey(key)) return false;
        map.Add(key, value);
        return true;
    }
}
