# Read a TAP file with TAP::Parser (the parser of Perl's prove) and print what it understood, as JSON.
use strict;
use warnings;
use JSON::PP;
use TAP::Parser;

my $tap = do { local $/; open my $fh, '<:encoding(UTF-8)', $ARGV[0] or die "$ARGV[0]: $!"; <$fh> };
my $parser = TAP::Parser->new({ tap => $tap });
my @tests;
while (my $result = $parser->next) {
    if ($result->is_test) {
        push @tests, {
            number      => $result->number,
            ok          => $result->is_actual_ok ? JSON::PP::true : JSON::PP::false,
            description => $result->description,
            directive   => $result->directive,
            explanation => $result->explanation,
        };
    } elsif ($result->is_yaml && @tests) {
        $tests[-1]{yaml} = $result->data;
    }
}
print JSON::PP->new->utf8->canonical->encode({
    plan         => $parser->plan,
    tests        => \@tests,
    failed       => [ $parser->failed ],
    skipped      => [ $parser->skipped ],
    parse_errors => [ $parser->parse_errors ],
});
