using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PinterestPipeline.Emitter.Source;
using PinterestPipeline.Emitter.Tests.Infrastructure;
using PinterestPipeline.ServiceDefaults.Pipeline;
using PinterestPipeline.TestSupport.MySql;

namespace PinterestPipeline.Emitter.Tests.Source;

[Collection(EmitterRuns.Name)]
public sealed class SourceRowReaderTests(MySqlFixture mysql)
{
    private async Task<SourceRowReader> ReaderForAsync(Func<string, Task> seed, RowLookup lookup = RowLookup.Offset)
    {
        var connectionString = await mysql.Server.CreateDatabaseAsync("emitter");
        await seed(connectionString);
        var host = EmitterTestHost.Create(new Dictionary<string, string?>
        {
            ["ConnectionStrings:pinterest"] = connectionString,
            ["Emitter:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Emitter:TopicPrefix"] = "reader",
            ["Emitter:RowLookup"] = lookup.ToString(),
        });
        return host.Host.Services.GetRequiredService<SourceRowReader>();
    }

    private static string Text(SourceRow row) => Encoding.UTF8.GetString(row.Json.Span);

    [Theory]
    [InlineData(RowLookup.Offset)]
    [InlineData(RowLookup.KeyIndex)]
    public async Task The_course_sample_row_is_serialized_as_the_original_posted_it(RowLookup lookup)
    {
        var reader = await ReaderForAsync(async cs =>
        {
            await SourceDatabase.ExecuteAsync(cs, SourceDatabase.Schema);
            await SourceDatabase.ExecuteAsync(cs, """
                INSERT INTO pinterest_data VALUES (7528, 'fbe53c66-3442-4773-b19e-d3ec6f54dddf', 'No Title Data Available',
                  'No description available Story format', 'User Info Error', 'User Info Error', 'N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e',
                  'multi-video(story page format)', 'Image src error.', 0, 'Local save in /data/mens-fashion', 'mens-fashion');
                INSERT INTO geolocation_data VALUES (7528, '2020-08-28 03:52:47', -89.9787, -173.293, 'Albania');
                INSERT INTO user_data VALUES (7528, 'Abigail', 'Ali', 20, '2015-10-24 11:23:51');
                """);
        }, lookup);

        var rows = await reader.ReadAsync(0, CancellationToken.None);

        Assert.True(rows.IsComplete);
        Assert.Equal([SourceTable.Pin, SourceTable.Geo, SourceTable.User], rows.Rows.Select(r => r.Table));
        Assert.Equal(
            """{"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":"No Title Data Available","description":"No description available Story format","poster_name":"User Info Error","follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e","is_image_or_video":"multi-video(story page format)","image_src":"Image src error.","downloaded":0,"save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}""",
            Text(rows.Rows[0]));
        // FLOAT columns: the float's shortest text (-89.9787), not its double widening (-89.97869873046875).
        Assert.Equal("""{"ind":7528,"timestamp":"2020-08-28 03:52:47","latitude":-89.9787,"longitude":-173.293,"country":"Albania"}""", Text(rows.Rows[1]));
        Assert.Equal("""{"ind":7528,"first_name":"Abigail","last_name":"Ali","age":20,"date_joined":"2015-10-24 11:23:51"}""", Text(rows.Rows[2]));
    }

    [Fact]
    public async Task Text_keeps_non_ascii_and_url_characters_and_nulls_are_null()
    {
        var reader = await ReaderForAsync(async cs =>
        {
            await SourceDatabase.CreateAsync(cs, [3]);
            await SourceDatabase.ExecuteAsync(cs, "UPDATE user_data SET last_name = NULL");
        });

        var rows = await reader.ReadAsync(0, CancellationToken.None);

        Assert.Contains("\"title\":\"Title 3 “quoted” & more\"", Text(rows.Rows[0]), StringComparison.Ordinal);
        Assert.Contains("\"image_src\":\"https://i.pinimg.com/originals/3.jpg?a=1&b=2\"", Text(rows.Rows[0]), StringComparison.Ordinal);
        Assert.Contains("\"downloaded\":1,", Text(rows.Rows[0]), StringComparison.Ordinal);
        Assert.Contains("\"last_name\":null,", Text(rows.Rows[2]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RowLookup.Offset)]
    [InlineData(RowLookup.KeyIndex)]
    public async Task Position_n_is_the_n_plus_first_smallest_key_so_gaps_keep_the_tables_aligned(RowLookup lookup)
    {
        int[] keys = [0, 5, 10, 20, 1000];
        var reader = await ReaderForAsync(cs => SourceDatabase.CreateAsync(cs, keys.Reverse()), lookup);

        for (var offset = 0; offset < keys.Length; offset++)
        {
            var rows = await reader.ReadAsync(offset, CancellationToken.None);
            var ids = rows.Rows.Select(r =>
            {
                using var json = JsonDocument.Parse(r.Json);
                return json.RootElement.GetProperty(r.Table.KeyColumn).GetInt32();
            });
            Assert.Equal([keys[offset], keys[offset], keys[offset]], ids);
        }
    }

    [Theory]
    [InlineData(RowLookup.Offset)]
    [InlineData(RowLookup.KeyIndex)]
    public async Task An_offset_past_a_tables_end_reports_which_tables_have_no_row(RowLookup lookup)
    {
        var reader = await ReaderForAsync(async cs =>
        {
            await SourceDatabase.CreateAsync(cs, [0, 1]);
            await SourceDatabase.InsertAsync(cs, [2], user: false);
        }, lookup);

        var partial = await reader.ReadAsync(2, CancellationToken.None);
        var none = await reader.ReadAsync(3, CancellationToken.None);

        Assert.Equal([SourceTable.User], partial.MissingIn);
        Assert.False(partial.IsComplete);
        Assert.Equal(SourceTable.All, none.MissingIn);
        Assert.Empty(none.Rows);
    }

    [Fact]
    public async Task The_smallest_row_count_bounds_the_offsets()
    {
        var reader = await ReaderForAsync(async cs =>
        {
            await SourceDatabase.CreateAsync(cs, Enumerable.Range(0, 7));
            await SourceDatabase.InsertAsync(cs, [7, 8], geo: false);
        });

        Assert.Equal(7, await reader.MinRowCountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_key_index_reloads_when_a_cached_key_has_vanished()
    {
        var connectionString = string.Empty;
        var reader = await ReaderForAsync(async cs =>
        {
            connectionString = cs;
            await SourceDatabase.CreateAsync(cs, [0, 5, 10, 20]);
        }, RowLookup.KeyIndex);
        Assert.Equal(5, Key(await reader.ReadAsync(1, CancellationToken.None)));

        await SourceDatabase.ExecuteAsync(connectionString, "DELETE FROM pinterest_data WHERE `index` = 5; DELETE FROM geolocation_data WHERE ind = 5; DELETE FROM user_data WHERE ind = 5");

        var after = await reader.ReadAsync(1, CancellationToken.None);
        Assert.True(after.IsComplete);
        Assert.Equal(10, Key(after));
    }

    private static int Key(EventRows rows)
    {
        using var json = JsonDocument.Parse(rows.Rows[0].Json);
        return json.RootElement.GetProperty("index").GetInt32();
    }
}
