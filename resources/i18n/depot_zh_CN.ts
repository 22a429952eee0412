<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Changed at another desk</source>
        <extracomment>Tests set this to a callable(title, message) to capture instead of showing.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong and was not saved. The details are in the log folder: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Any status</source>
        <extracomment>Ready-made views of the queue, in the order shown.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depot Desk — problem parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scan (F2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type a tracking number and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: tracking no., case no., phone, last 4 digits, name (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by report date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open: {0}   Overdue: {1}   Due soon: {2}   Awaiting approval: {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} has {1} open cases; showing the newest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperatorPicker</name>
    <message>
        <source>Who is at the desk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your name. Every change you make is recorded under it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operators</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Case no.</source>
        <extracomment>Sort key of each column for the query service.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
