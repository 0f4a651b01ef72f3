using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;

namespace PinterestPipeline.ServiceDefaults.Tests.Configuration;

public sealed class SettingsValidationTests
{
    [Fact]
    public void Each_unsatisfied_annotation_is_one_line_naming_the_key_and_the_value()
    {
        var failures = new List<string>();

        SettingsValidation.AddAnnotationFailures(new Sample { Workers = 0, Wait = TimeSpan.FromSeconds(-2), Poll = TimeSpan.Zero, Name = "" }, "Svc", failures);

        Assert.Equal(
            [
                "Svc:Workers must be between 1 and 8 (it was 0).",
                "Svc:Wait must not be negative (it was -00:00:02).",
                "Svc:Poll must be from 00:00:00.001 to 00:01:00 (it was 00:00:00).",
                "The field Svc:Name must be a string with a minimum length of 1 and a maximum length of 4 (it was '').",
            ],
            failures);
    }

    [Fact]
    public void Satisfied_annotations_add_nothing()
    {
        var failures = new List<string>();

        SettingsValidation.AddAnnotationFailures(new Sample(), "Svc", failures);

        Assert.Empty(failures);
    }

    private sealed class Sample
    {
        [Range(1, 8, ErrorMessage = "{0} must be between {1} and {2}")]
        public int Workers { get; set; } = 2;

        [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "{0} must not be negative")]
        public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(1);

        [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "{0} must be from {1} to {2}")]
        public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(1);

        [StringLength(4, MinimumLength = 1)]
        public string Name { get; set; } = "ok";

        public int Unchecked { get; set; } = -1;
    }
}
