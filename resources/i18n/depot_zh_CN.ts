<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddressHint</name>
    <message>
        <source>Province</source>
        <extracomment>In a case: the suggested step is a link (``#contact`` or ``#resolution``, see ``linkActivated``).</extracomment>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Street/town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <source>Former name read as today&apos;s: {0}</source>
        <translation>旧地名已按现名识别：{0}</translation>
    </message>
    <message>
        <source>This district name exists in several cities; check the city.</source>
        <translation>该区县名在多个城市重名，请核对城市。</translation>
    </message>
    <message>
        <source>Fitting resolutions: {0}</source>
        <translation>可选处理方案：{0}</translation>
    </message>
    <message>
        <source>Choose a resolution…</source>
        <translation>选择处理方案…</translation>
    </message>
    <message>
        <source>Suggested contact: {0}, to complete the address</source>
        <translation>建议联系：{0}，补全地址</translation>
    </message>
    <message>
        <source>Log the contact…</source>
        <translation>记录联系…</translation>
    </message>
</context>
<context>
    <name>AddressViews</name>
    <message>
        <source>Address check: {0} ({1})</source>
        <extracomment>The views&apos; keys, after the scan-hint views.</extracomment>
        <translation>地址核查：{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>AreaDialog</name>
    <message>
        <source>Delivery area</source>
        <translation>派送范围</translation>
    </message>
    <message>
        <source>Only a manager can change the delivery area. You see it as stored.</source>
        <translation>只有网点经理可以修改派送范围。这里显示的是已保存的范围。</translation>
    </message>
    <message>
        <source>Find a district or street by name or pinyin (e.g. 浦东, pudong, pd)</source>
        <translation>按名称或拼音查找区县、街道（如：浦东、pudong、pd）</translation>
    </message>
    <message>
        <source>Pick a district to serve it whole, or a street/town to serve only that part; Enter searches.</source>
        <translation>选区县则整区派送，选街道/乡镇则只派送该街道；按回车键搜索。</translation>
    </message>
    <message>
        <source>Serve the selected place →</source>
        <translation>派送所选地区 →</translation>
    </message>
    <message>
        <source>Served districts and streets</source>
        <translation>派送的区县和街道</translation>
    </message>
    <message>
        <source>Stop serving the selected place</source>
        <translation>不再派送所选地区</translation>
    </message>
    <message>
        <source>Excluded villages and compounds</source>
        <translation>不派送的村/小区</translation>
    </message>
    <message>
        <source>Name as written in addresses, e.g. 三林世博家园</source>
        <translation>按地址中的写法填写，如：三林世博家园</translation>
    </message>
    <message>
        <source>District the excluded place lies in</source>
        <translation>不派送地点所属区县</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Import a list…</source>
        <translation>导入清单…</translation>
    </message>
    <message>
        <source>A .csv or .xlsx list: one place a row, “排除” in the second column for an excluded village or compound, its district in the third if it is excluded only there. It replaces the whole area, or nothing if a row cannot be read.</source>
        <translation>一行一个地点的 .csv 或 .xlsx 清单；不派送的村或小区在第二列填“排除”，若只在某区县不派送，第三列填该区县。清单替换整个派送范围；任何一行无法识别则不做更改。</translation>
    </message>
    <message>
        <source>Export the list…</source>
        <translation>导出清单…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>whole district</source>
        <translation>整区</translation>
    </message>
    <message>
        <source>street/town</source>
        <translation>街道/乡镇</translation>
    </message>
    <message>
        <source>{0} — only in {1}</source>
        <translation>{0} — 仅限{1}</translation>
    </message>
    <message>
        <source>{0} districts, {1} streets/towns served; {2} excluded.</source>
        <translation>派送 {0} 个区县、{1} 个街道/乡镇；排除 {2} 处。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>{0} places found; pick one and serve it.</source>
        <translation>找到 {0} 个地区，选中后即可加入派送范围。</translation>
    </message>
    <message>
        <source>No district or street has that name or pinyin.</source>
        <translation>没有符合该名称或拼音的区县、街道。</translation>
    </message>
    <message>
        <source>Choose a district or a street/town; a province or city is too large for one depot.</source>
        <translation>请选择区县或街道/乡镇；省或市范围太大，不适合一个网点。</translation>
    </message>
    <message>
        <source>{0} is already served with its whole district.</source>
        <translation>{0} 已随整个区县派送。</translation>
    </message>
    <message>
        <source>Type the village or compound name as it appears in addresses (at least two characters).</source>
        <translation>请按地址中的写法填写村或小区名称（至少两个字）。</translation>
    </message>
    <message>
        <source>In any district</source>
        <translation>任意区县</translation>
    </message>
    <message>
        <source>Import a delivery-area list</source>
        <translation>导入派送范围清单</translation>
    </message>
    <message>
        <source>Lists (*.csv *.xlsx *.txt)</source>
        <translation>清单 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>Saved: {0} districts, {1} streets/towns served; {2} excluded.</source>
        <translation>已保存：派送 {0} 个区县、{1} 个街道/乡镇；排除 {2} 处。</translation>
    </message>
    <message>
        <source>Export the delivery area</source>
        <translation>导出派送范围</translation>
    </message>
    <message>
        <source>CSV list (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV 清单 (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported to {0}.</source>
        <translation>已导出到 {0}。</translation>
    </message>
    <message>
        <source>Delivery &amp;area…</source>
        <translation>派送范围(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>system</source>
        <extracomment>Longest before/after text shown in a cell; the tooltip and the CSV carry all of it. The operator name the service gives entries made from the command line.</extracomment>
        <translation>系统</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Depot code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <source>Depot name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <source>Depot phone</source>
        <translation>网点电话</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Compensation and deadline policy</source>
        <translation>赔偿与时限政策</translation>
    </message>
    <message>
        <source>Idle lock minutes</source>
        <translation>空闲锁定分钟数</translation>
    </message>
    <message>
        <source>Wrong PINs allowed</source>
        <translation>允许输错 PIN 次数</translation>
    </message>
    <message>
        <source>Lock-out minutes</source>
        <translation>锁定分钟数</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>保留备份份数</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Operator switch</source>
        <translation>切换操作员</translation>
    </message>
    <message>
        <source>Idle lock</source>
        <translation>空闲锁定</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>问题件清单</translation>
    </message>
    <message>
        <source>Case report</source>
        <translation>问题件报告</translation>
    </message>
    <message>
        <source>Claim form</source>
        <translation>赔偿申请单</translation>
    </message>
    <message>
        <source>Closed cases</source>
        <translation>已结案问题件</translation>
    </message>
    <message>
        <source>Monthly workbook</source>
        <translation>月度报表</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Time</source>
        <extracomment>Bumped by every :meth:`set_rows`, so a page read for an older filter is dropped.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>修改前 → 修改后</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditTrailDialog</name>
    <message>
        <source>Audit trail</source>
        <extracomment>Days the date filter covers when first switched on. Filter typing settles this long before the trail is read again. The filter the table shows now (what Export writes).</extracomment>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <source>Operator filter</source>
        <translation>按操作员筛选</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>按操作类型筛选</translation>
    </message>
    <message>
        <source>&amp;Dates</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>按日期筛选</translation>
    </message>
    <message>
        <source>From (depot-local date)</source>
        <translation>起始日期（网点当地日期）</translation>
    </message>
    <message>
        <source>Until (depot-local date, inclusive)</source>
        <translation>截止日期（网点当地日期，含当天）</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Search the audit trail</source>
        <translation>搜索审计日志</translation>
    </message>
    <message>
        <source>Setting, value or detail (Ctrl+F)</source>
        <translation>设置项、取值或详情（Ctrl+F）</translation>
    </message>
    <message>
        <source>Audit trail entries</source>
        <translation>审计日志条目</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the audit trail again</source>
        <translation>重新读取审计日志</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the entries the filter shows to a CSV file</source>
        <translation>将当前筛选出的条目导出为 CSV 文件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Only a manager can view the audit trail.</source>
        <translation>只有网点负责人可以查看审计日志。</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <source>{0} (deactivated)</source>
        <translation>{0}（已停用）</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>共 1 条</translation>
    </message>
    <message>
        <source>{0} entries</source>
        <translation>共 {0} 条</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Action code</source>
        <translation>操作代码</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>{0} entries saved to {1}</source>
        <translation>已将 {0} 条记录保存到 {1}</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Back up the database and the photos; the daily backup</source>
        <translation>备份数据库和照片；每日自动备份</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backups</source>
        <extracomment>The last outcome shown under the list (for tests and screen readers).</extracomment>
        <translation>备份</translation>
    </message>
    <message>
        <source>A backup is one zip file holding the database and every photo. Copy backups to another disk or computer now and then: a backup on the same disk does not survive the disk. Backups are kept in:</source>
        <translation>每份备份是一个 zip 文件，包含数据库和全部照片。请不时把备份复制到另一块硬盘或另一台电脑：与数据放在同一块硬盘上的备份，硬盘坏了也会一起丢失。备份保存在：</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>This depot&apos;s database is on a PostgreSQL server, so the desk does not back it up itself. Back it up on the server with pg_dump and restore it with pg_restore, for example:

{0}
pg_restore --clean --dbname=depot depot.dump

The photos are stored in the database too, so the dump holds them; each desk only keeps copies of what it has shown in {1}.</source>
        <translation>本网点的数据库在 PostgreSQL 服务器上，工作台不自行备份。请在服务器上用 pg_dump 备份、用 pg_restore 恢复，例如：

{0}
pg_restore --clean --dbname=depot depot.dump

照片也存于数据库中，备份已包含照片；各工作台只在 {1} 中缓存显示过的照片副本。</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>问题件数</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片数</translation>
    </message>
    <message>
        <source>Backups in the backup folder</source>
        <translation>备份文件夹中的备份</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Only a manager makes backups: they hold every phone number and address unmasked.</source>
        <translation>只有网点负责人可以备份：备份中包含未打码的全部电话和地址。</translation>
    </message>
    <message>
        <source>Back up the database and the photos now</source>
        <translation>立即备份数据库和照片</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>打开所在文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Open the backup folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>Back up &amp;every day (in the background while the desk is open)</source>
        <translation>每天自动备份(&amp;E)（工作台打开时在后台进行）</translation>
    </message>
    <message>
        <source>Back up every day</source>
        <translation>每天自动备份</translation>
    </message>
    <message>
        <source>&amp;Keep the newest:</source>
        <translation>保留最新的(&amp;K)：</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Backups to keep</source>
        <translation>保留的备份份数</translation>
    </message>
    <message>
        <source>Only a manager can change the daily backup.</source>
        <translation>只有网点负责人可以修改每日备份设置。</translation>
    </message>
    <message>
        <source>Older backups are deleted after each daily backup.</source>
        <translation>每次每日备份后，会删除更早的备份。</translation>
    </message>
    <message>
        <source>&amp;Save schedule</source>
        <translation>保存备份设置(&amp;S)</translation>
    </message>
    <message>
        <source>Save the daily backup settings</source>
        <translation>保存每日备份设置</translation>
    </message>
    <message>
        <source>To restore a backup, close the desk on this computer and run: depot-app restore &lt;backup file&gt;. The backup is checked first; the current database is kept beside it.</source>
        <translation>恢复备份：先关闭本机的工作台，再运行 depot-app restore &lt;备份文件&gt;。恢复前会先检查备份；当前数据库会另存一份在旁边。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>damaged?</source>
        <translation>已损坏？</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>正在写入备份…</translation>
    </message>
    <message>
        <source>Backup saved: {0} ({1} cases, {2} photos, {3}).</source>
        <translation>备份已保存：{0}（{1} 件问题件，{2} 张照片，{3}）。</translation>
    </message>
    <message>
        <source>The backup was cancelled; no file was written.</source>
        <translation>备份已取消，未生成文件。</translation>
    </message>
    <message>
        <source>The backup failed; nothing was written.</source>
        <translation>备份失败，未生成文件。</translation>
    </message>
    <message>
        <source>Daily backup settings saved.</source>
        <translation>每日备份设置已保存。</translation>
    </message>
</context>
<context>
    <name>BackupScheduler</name>
    <message>
        <source>Daily backup saved: {0}</source>
        <translation>每日备份已保存：{0}</translation>
    </message>
    <message>
        <source>see the log in {0}</source>
        <translation>详见日志文件夹 {0}</translation>
    </message>
    <message>
        <source>The daily backup failed: {0}</source>
        <translation>每日备份失败：{0}</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>Take photos</source>
        <extracomment>Where the photos will go (the slot&apos;s name), shown to the clerk.</extracomment>
        <translation>拍照</translation>
    </message>
    <message>
        <source>Take photos with a camera</source>
        <translation>用摄像头拍照</translation>
    </message>
    <message>
        <source>&amp;Camera:</source>
        <translation>摄像头(&amp;C)：</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <source>Photos go to: {0}</source>
        <translation>照片归入：{0}</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <source>Connect a USB camera or a document camera and open this window again, or add photos from files with “Add photos…”.</source>
        <translation>请连接 USB 摄像头或高拍仪后重新打开此窗口，或用“添加照片…”从文件添加。</translation>
    </message>
    <message>
        <source>The camera cannot be used</source>
        <translation>摄像头无法使用</translation>
    </message>
    <message>
        <source>Take photo (Space)</source>
        <translation>拍照（空格）</translation>
    </message>
    <message>
        <source>Take a photo</source>
        <translation>拍一张照片</translation>
    </message>
    <message>
        <source>Remove shot</source>
        <translation>删除此张</translation>
    </message>
    <message>
        <source>Remove the selected shot</source>
        <translation>删除选中的照片</translation>
    </message>
    <message>
        <source>Shots taken</source>
        <translation>已拍照片</translation>
    </message>
    <message>
        <source>Space takes a photo; take as many as you need, then use them.</source>
        <translation>按空格拍照；可连拍多张，拍完后点“使用这些照片”。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close without adding photos</source>
        <translation>关闭，不添加照片</translation>
    </message>
    <message>
        <source>Use these photos</source>
        <translation>使用这些照片</translation>
    </message>
    <message>
        <source>Add the shots to the case</source>
        <translation>将所拍照片添加到问题件</translation>
    </message>
    <message>
        <source>{0} shot(s) taken</source>
        <translation>已拍 {0} 张</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>Case number</source>
        <extracomment>Background of the status badge, by status.</extracomment>
        <translation>问题件登记号</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Kind of problem</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Time until due</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>First response due</source>
        <translation>首次响应期限</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Priority: {0}</source>
        <translation>优先级：{0}</translation>
    </message>
    <message>
        <source>Assignee: {0}</source>
        <translation>经办人：{0}</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>Reported {0} by {1}</source>
        <translation>{1} 于 {0} 登记</translation>
    </message>
    <message>
        <source>Closed {0}</source>
        <translation>已于 {0} 结案</translation>
    </message>
    <message>
        <source>Cancelled {0}</source>
        <translation>已于 {0} 撤销</translation>
    </message>
    <message>
        <source>Due {0} — {1}</source>
        <translation>到期时间 {0} — {1}</translation>
    </message>
    <message>
        <source>First response given {0}</source>
        <translation>已于 {0} 首次响应</translation>
    </message>
    <message>
        <source>First response: {0}</source>
        <translation>首次响应：{0}</translation>
    </message>
    <message>
        <source>Complaints need a first response by {0}</source>
        <translation>投诉须在 {0} 前首次响应</translation>
    </message>
    <message>
        <source>Overdue by {0}</source>
        <translation>已超时 {0}</translation>
    </message>
    <message>
        <source>Due in {0}</source>
        <translation>剩余时间 {0}</translation>
    </message>
</context>
<context>
    <name>CaseMessages</name>
    <message>
        <source>Messages to the customer</source>
        <extracomment>The list&apos;s columns: the outbox model&apos;s cells, then the text.</extracomment>
        <translation>给客户的消息</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队时间</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件方</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Notify the customer…</source>
        <translation>通知客户…</translation>
    </message>
    <message>
        <source>Choose a notice and a channel, see the message, then send it</source>
        <translation>选择通知和渠道，预览消息后再发送</translation>
    </message>
    <message>
        <source>Sent by hand</source>
        <translation>已人工发送</translation>
    </message>
    <message>
        <source>You sent this message yourself: tick it off as sent</source>
        <translation>您已亲自发送此消息：勾选为已发送</translation>
    </message>
    <message>
        <source>Asked not to be messaged…</source>
        <translation>客户要求不再发送…</translation>
    </message>
    <message>
        <source>The sender or the recipient asked for no more messages</source>
        <translation>寄件人或收件人要求不再收到消息</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <source>Asked not to be messaged</source>
        <translation>客户要求不再发送</translation>
    </message>
    <message>
        <source>Who asked for no more messages? Their phone gets none from now on.</source>
        <translation>谁要求不再收到消息？从现在起不再向其电话发送。</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <source>Case workspace</source>
        <extracomment>Status moves offered as header buttons (closing, reopening and cancelling have their own).</extracomment>
        <translation>问题件工作区</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核实</translation>
    </message>
    <message>
        <source>Move the case to verifying (核实)</source>
        <translation>将问题件转为核实中</translation>
    </message>
    <message>
        <source>Investigate</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Move the case to investigating (调查)</source>
        <translation>将问题件转为调查中</translation>
    </message>
    <message>
        <source>Awaiting customer</source>
        <translation>待客户答复</translation>
    </message>
    <message>
        <source>Mark the case as waiting for the customer&apos;s answer</source>
        <translation>将问题件标记为待客户答复</translation>
    </message>
    <message>
        <source>Close case… (Ctrl+E)</source>
        <translation>结案…（Ctrl+E）</translation>
    </message>
    <message>
        <source>Go to the Close tab to close the case</source>
        <translation>转到“结案”页办理结案</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Reopen the case, with a reason</source>
        <translation>重新打开问题件（需填写原因）</translation>
    </message>
    <message>
        <source>Cancel case…</source>
        <translation>撤销问题件…</translation>
    </message>
    <message>
        <source>Cancel a case registered in error, with a reason</source>
        <translation>撤销误登记的问题件（需填写原因）</translation>
    </message>
    <message>
        <source>Case sections</source>
        <translation>问题件分页</translation>
    </message>
    <message>
        <source>Reload the case changed at another desk</source>
        <translation>重新加载在其他工作台被修改的问题件</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据照片</translation>
    </message>
    <message>
        <source>This case was changed at another desk. Save: your entries are laid over the new state for you to check and save again. Reload: your entries are discarded.</source>
        <translation>该问题件已在其他工作台被修改。点“保存”：您输入的内容会放到最新状态之上，请核对后再次保存。点“重新加载”：放弃您输入的内容。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Show the case as it is now; unsaved edits here are discarded</source>
        <translation>显示该问题件的最新状态；此处未保存的修改将被放弃</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>快递轨迹</translation>
    </message>
    <message>
        <source>Case #{0}</source>
        <translation>问题件 #{0}</translation>
    </message>
    <message>
        <source>As a {0} you register cases, add photos and log contacts; a clerk or manager does the rest</source>
        <translation>{0}负责登记问题件、添加照片和记录联系；其余处理由客服或网点负责人完成</translation>
    </message>
    <message>
        <source>The case is still loading</source>
        <translation>问题件仍在加载</translation>
    </message>
    <message>
        <source>The case is already {0}</source>
        <translation>问题件已是“{0}”状态</translation>
    </message>
    <message>
        <source>A closed case must be reopened first</source>
        <translation>已结案的问题件须先重新打开</translation>
    </message>
    <message>
        <source>A cancelled case must be reopened first</source>
        <translation>已撤销的问题件须先重新打开</translation>
    </message>
    <message>
        <source>The compensation waits for a manager&apos;s approval; it cannot be closed yet</source>
        <translation>赔偿待网点负责人审批，暂不能结案</translation>
    </message>
    <message>
        <source>A manager must approve or reject the compensation first</source>
        <translation>须先由网点负责人批准或驳回赔偿</translation>
    </message>
    <message>
        <source>Work on the resolution is under way: close the case instead of cancelling it</source>
        <translation>处理方案正在执行：请办理结案，不能撤销</translation>
    </message>
    <message>
        <source>Work on the resolution is under way: close the case, or choose another resolution on the Resolution tab</source>
        <translation>处理方案正在执行：请办理结案，或在“处理方案”页另选方案</translation>
    </message>
    <message>
        <source>A resolution is already chosen: move back to Investigating to check facts again</source>
        <translation>已选定处理方案：如需重新核对信息，请退回“调查中”</translation>
    </message>
    <message>
        <source>Not possible while the case is {0}</source>
        <translation>问题件为“{0}”状态时不能操作</translation>
    </message>
    <message>
        <source>Check the facts against the waybill</source>
        <translation>对照面单核实信息</translation>
    </message>
    <message>
        <source>Trace the parcel: scans, hand-overs, sign-for records</source>
        <translation>追踪快件：扫描、交接、签收记录</translation>
    </message>
    <message>
        <source>Waiting for the sender or recipient to answer</source>
        <translation>等待寄件人或收件人答复</translation>
    </message>
    <message>
        <source>The case is already closed</source>
        <translation>问题件已结案</translation>
    </message>
    <message>
        <source>Record the final outcome on the Close tab (Ctrl+E)</source>
        <translation>在“结案”页记录最终结果（Ctrl+E）</translation>
    </message>
    <message>
        <source>Only a closed or cancelled case can be reopened</source>
        <translation>只有已结案或已撤销的问题件才能重新打开</translation>
    </message>
    <message>
        <source>Reopen the case; a reason is required</source>
        <translation>重新打开问题件，须填写原因</translation>
    </message>
    <message>
        <source>Cancel a case registered in error; a reason is required</source>
        <translation>撤销误登记的问题件，须填写原因</translation>
    </message>
    <message>
        <source>Reopen {0}</source>
        <translation>重新打开 {0}</translation>
    </message>
    <message>
        <source>Why is the case reopened? The reason is recorded on the timeline.</source>
        <translation>为什么重新打开？原因将记入处理记录。</translation>
    </message>
    <message>
        <source>Cancel {0}</source>
        <translation>撤销 {0}</translation>
    </message>
    <message>
        <source>Why is the case cancelled (e.g. registered in error)? The reason is recorded on the timeline.</source>
        <translation>为什么撤销（如误登记）？原因将记入处理记录。</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change my PIN — {0}</source>
        <translation>修改我的 PIN — {0}</translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation>当前 PIN(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation>新 PIN(&amp;N)：</translation>
    </message>
    <message>
        <source>New PIN &amp;again:</source>
        <translation>再次输入新 PIN(&amp;A)：</translation>
    </message>
    <message>
        <source>The two new PINs differ; type the same PIN twice.</source>
        <translation>两次输入的新 PIN 不一致，请输入相同的 PIN。</translation>
    </message>
</context>
<context>
    <name>CloseTab</name>
    <message>
        <source>Close the case</source>
        <extracomment>The outcome that usually follows each resolution (preselected on the Close tab).</extracomment>
        <translation>办理结案</translation>
    </message>
    <message>
        <source>Final &amp;outcome:</source>
        <translation>最终结果(&amp;O)：</translation>
    </message>
    <message>
        <source>Final outcome</source>
        <translation>最终结果</translation>
    </message>
    <message>
        <source>Sa&amp;tisfaction (1–5):</source>
        <translation>满意度（1–5）(&amp;T)：</translation>
    </message>
    <message>
        <source>Customer satisfaction, 1 to 5</source>
        <translation>客户满意度，1 至 5</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <source>1 = very unhappy, 5 = very happy; leave at “not asked” if the customer declined.</source>
        <translation>1 = 非常不满意，5 = 非常满意；客户不愿评价时保留“未询问”。</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Closing note</source>
        <translation>结案备注</translation>
    </message>
    <message>
        <source>How it ended, confirmed with whom</source>
        <translation>处理结果及与谁确认</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Close the case with this outcome</source>
        <translation>按此结果结案</translation>
    </message>
    <message>
        <source>How the case ended</source>
        <translation>结案情况</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>{0}:</source>
        <comment>a caption on the closed-case summary</comment>
        <translation>{0}：</translation>
    </message>
    <message>
        <source>&amp;Reopen because:</source>
        <translation>重新打开原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>重新打开原因</translation>
    </message>
    <message>
        <source>Why is the case reopened? (required)</source>
        <translation>为什么重新打开？（必填）</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>重新打开问题件</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>The compensation waits for a manager&apos;s approval; the case cannot be closed yet.</source>
        <translation>赔偿待网点负责人审批，暂不能结案。</translation>
    </message>
    <message>
        <source>A case that is {0} cannot be closed.</source>
        <translation>“{0}”状态的问题件不能结案。</translation>
    </message>
    <message>
        <source>Choose compensation on the Resolution tab first.</source>
        <translation>请先在“处理方案”页选择赔偿。</translation>
    </message>
    <message>
        <source>Record the payment on the Resolution tab before closing as compensated.</source>
        <translation>以“已赔偿”结案前，请先在“处理方案”页登记付款。</translation>
    </message>
    <message>
        <source>Close the case (Ctrl+E jumps here)</source>
        <translation>结案（按 Ctrl+E 跳到此处）</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>The recipient failed twice — contact the sender</source>
        <extracomment>Languages a message can be written in (not necessarily the interface language). Facts for templates that do not come from the case (depot name and phone).</extracomment>
        <translation>收件人两次联系未果——请联系寄件人</translation>
    </message>
    <message>
        <source>Suggestion: contact the sender</source>
        <translation>建议：联系寄件人</translation>
    </message>
    <message>
        <source>Log a contact attempt (Ctrl+L)</source>
        <translation>登记联系记录（Ctrl+L）</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>对象(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>方式(&amp;H)：</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>结果(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Contacted party</source>
        <translation>联系对象</translation>
    </message>
    <message>
        <source>Contact channel</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Contact outcome</source>
        <translation>联系结果</translation>
    </message>
    <message>
        <source>Contact note</source>
        <translation>联系备注</translation>
    </message>
    <message>
        <source>What was said (Enter saves)</source>
        <translation>沟通内容（回车保存）</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Log this contact attempt</source>
        <translation>登记这条联系记录</translation>
    </message>
    <message>
        <source>Log this attempt (Enter in the note does the same)</source>
        <translation>登记本次联系（在备注中按回车效果相同）</translation>
    </message>
    <message>
        <source>The case is closed or cancelled: reopen it before logging contacts.</source>
        <translation>问题件已结案或已撤销：请先重新打开，再登记联系记录。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Contact history, newest first</source>
        <translation>联系记录（最新在前）</translation>
    </message>
    <message>
        <source>Message to send from the depot phone</source>
        <translation>用网点手机发送的消息</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>消息模板</translation>
    </message>
    <message>
        <source>Message language</source>
        <translation>消息语言</translation>
    </message>
    <message>
        <source>Message preview (editable)</source>
        <translation>消息预览（可编辑）</translation>
    </message>
    <message>
        <source>Fill in anything in 【brackets】 before copying</source>
        <translation>复制前请填好【】中的内容</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the message to the clipboard</source>
        <translation>将消息复制到剪贴板</translation>
    </message>
    <message>
        <source>Copied — fill in the bracketed parts before sending.</source>
        <translation>已复制——发送前请填好括号中的内容。</translation>
    </message>
    <message>
        <source>Copied. Paste it into the SMS or WeChat on the depot phone.</source>
        <translation>已复制。请粘贴到网点手机的短信或微信中发送。</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Opened</source>
        <extracomment>The widest the row labels get: a very long handler name is cut (&quot;…&quot;, full name in its tooltip).</extracomment>
        <translation>登记</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Open at end</source>
        <translation>期末未结</translation>
    </message>
    <message>
        <source>Overdue at end</source>
        <translation>期末超时未结</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>无人处理</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>No parcel volume for {0} days of the period</source>
        <translation>本期有 {0} 天没有业务量数据</translation>
    </message>
    <message>
        <source>Previous period: volume missing</source>
        <translation>上期：业务量缺失</translation>
    </message>
    <message>
        <source>Previous period: {0}</source>
        <translation>上期：{0}</translation>
    </message>
    <message>
        <source>Cases opened and closed per week</source>
        <extracomment>The bar values as drawn, for tests: (set index, bar index) → value.</extracomment>
        <translation>每周登记与结案</translation>
    </message>
    <message>
        <source>Cases opened and closed per day</source>
        <translation>每日登记与结案</translation>
    </message>
    <message>
        <source>Open cases by age at the period&apos;s end</source>
        <translation>期末未结案件账龄</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未结案件</translation>
    </message>
    <message>
        <source>Satisfaction ratings of closed cases</source>
        <translation>结案满意度评分分布</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Loading the figures for {0}…</source>
        <translation>正在读取 {0} 的数据…</translation>
    </message>
    <message>
        <source>The figures could not be read.</source>
        <translation>无法读取看板数据。</translation>
    </message>
    <message>
        <source>{0}, compared with {1}</source>
        <translation>{0}，对比上期 {1}</translation>
    </message>
    <message>
        <source>Save the dashboard as PNG</source>
        <translation>将看板保存为 PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>经营看板</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>统计期间(&amp;P)：</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Parcel volume…</source>
        <translation>业务量…</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>保存为 PNG…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>By kind</source>
        <translation>按问题类型</translation>
    </message>
    <message>
        <source>By handler</source>
        <translation>按处理人</translation>
    </message>
    <message>
        <source>By carrier</source>
        <translation>按快递公司</translation>
    </message>
    <message>
        <source>&amp;Dashboard…</source>
        <translation>经营看板(&amp;D)…</translation>
    </message>
    <message>
        <source>{0:.1f} h</source>
        <extracomment>Figures where a rise is good news (green) or bad news (red); the rest are shown neutral. The queue selection behind each figure card.</extracomment>
        <translation>{0:.1f} 小时</translation>
    </message>
    <message>
        <source>{0:.1f} days</source>
        <translation>{0:.1f} 天</translation>
    </message>
    <message>
        <source>{0} {1:.1f} points</source>
        <translation>{0} {1:.1f} 个百分点</translation>
    </message>
    <message>
        <source>Save the dashboard as PDF</source>
        <translation>将看板另存为 PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>The PDF was not saved.</source>
        <translation>PDF 未保存。</translation>
    </message>
</context>
<context>
    <name>DeskSession</name>
    <message>
        <source>&amp;Lock / switch operator</source>
        <translation>锁定 / 切换操作员(&amp;L)</translation>
    </message>
    <message>
        <source>Change my &amp;PIN…</source>
        <translation>修改我的 PIN(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Operators…</source>
        <translation>操作员(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>Switch operator</source>
        <translation>切换操作员</translation>
    </message>
    <message>
        <source>Lock the desk so another operator can sign in ({0})</source>
        <translation>锁定工作台，让其他操作员登录（{0}）</translation>
    </message>
    <message>
        <source>Needs the “{0}” permission (managers).</source>
        <translation>需要“{0}”权限（网点负责人）。</translation>
    </message>
    <message>
        <source>The desk is locked — sign in to continue</source>
        <translation>工作台已锁定 — 请登录后继续</translation>
    </message>
</context>
<context>
    <name>DrillChip</name>
    <message>
        <source>Show the whole queue again</source>
        <extracomment>The widgets the chip puts out of effect while it is up (the view list, the filter bar).</extracomment>
        <translation>重新显示全部队列</translation>
    </message>
    <message>
        <source>Remove this selection</source>
        <translation>取消此筛选</translation>
    </message>
    <message>
        <source>Showing: {0}</source>
        <translation>正在显示：{0}</translation>
    </message>
    <message>
        <source>Not in effect while the queue shows a dashboard selection: remove the selection above (✕) to use the views and filters again.</source>
        <translation>队列正在显示看板选中的案件，视图和筛选暂不生效：点击上方选择条的 ✕ 移除后即可重新使用。</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Changed at another desk</source>
        <extracomment>Tests set this to a callable(title, message) to capture instead of showing.</extracomment>
        <translation>已在其他工作台修改</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行此操作</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong and was not saved. The details are in the log folder: {0}</source>
        <translation>出现错误，内容未保存。详情见日志文件夹：{0}</translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <source>Photo evidence</source>
        <extracomment>Slot cards side by side on the page. Every photo of the case (deleted ones too), in the order added.</extracomment>
        <translation>证据照片</translation>
    </message>
    <message>
        <source>New photos &amp;go to:</source>
        <translation>新照片归入(&amp;G)：</translation>
    </message>
    <message>
        <source>Slot for new photos</source>
        <translation>新照片的类别</translation>
    </message>
    <message>
        <source>Slot of the selected photo</source>
        <translation>所选照片的类别</translation>
    </message>
    <message>
        <source>&amp;Add photos…</source>
        <translation>添加照片(&amp;A)…</translation>
    </message>
    <message>
        <source>Add photos from files</source>
        <translation>从文件添加照片</translation>
    </message>
    <message>
        <source>Choose one or more JPEG, PNG or WebP files</source>
        <translation>选择一个或多个 JPEG、PNG 或 WebP 文件</translation>
    </message>
    <message>
        <source>Paste (Ctrl+V)</source>
        <translation>粘贴（Ctrl+V）</translation>
    </message>
    <message>
        <source>Paste a picture or copied photo files</source>
        <translation>粘贴图片或已复制的照片文件</translation>
    </message>
    <message>
        <source>&amp;Take photos…</source>
        <translation>拍照(&amp;T)…</translation>
    </message>
    <message>
        <source>Take photos with a camera</source>
        <translation>用摄像头拍照</translation>
    </message>
    <message>
        <source>Sl&amp;ot:</source>
        <extracomment>Side of the selected photo&apos;s preview in the panel.</extracomment>
        <translation>类别(&amp;O)：</translation>
    </message>
    <message>
        <source>S&amp;how deleted</source>
        <translation>显示已删除(&amp;H)</translation>
    </message>
    <message>
        <source>Show deleted photos</source>
        <translation>显示已删除的照片</translation>
    </message>
    <message>
        <source>Drop photo files here, or paste a picture with Ctrl+V.</source>
        <translation>可将照片文件拖到此处，或按 Ctrl+V 粘贴图片。</translation>
    </message>
    <message>
        <source>Import result</source>
        <translation>添加结果</translation>
    </message>
    <message>
        <source>Not added:</source>
        <translation>未添加的文件：</translation>
    </message>
    <message>
        <source>Files not added, with the reason</source>
        <translation>未添加的文件及原因</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <source>Dismiss the list of files not added</source>
        <translation>关闭未添加文件列表</translation>
    </message>
    <message>
        <source>Photos by slot</source>
        <translation>按类别排列的照片</translation>
    </message>
    <message>
        <source>Photos: {0}</source>
        <translation>照片：{0}</translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation>暂无照片</translation>
    </message>
    <message>
        <source>Selected photo</source>
        <translation>所选照片</translation>
    </message>
    <message>
        <source>Double-click to open the viewer</source>
        <translation>双击查看大图</translation>
    </message>
    <message>
        <source>About the selected photo</source>
        <translation>所选照片的信息</translation>
    </message>
    <message>
        <source>&amp;Caption:</source>
        <translation>说明(&amp;C)：</translation>
    </message>
    <message>
        <source>Caption of the selected photo</source>
        <translation>所选照片的说明</translation>
    </message>
    <message>
        <source>What the photo shows (Enter saves)</source>
        <translation>照片拍的是什么（回车保存）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the caption</source>
        <translation>保存说明</translation>
    </message>
    <message>
        <source>⟲ Left</source>
        <translation>⟲ 左转</translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation>向左旋转</translation>
    </message>
    <message>
        <source>Turn the photo a quarter to the left; the file is not changed</source>
        <translation>将照片向左转 90 度；原文件不变</translation>
    </message>
    <message>
        <source>Right ⟳</source>
        <translation>右转 ⟳</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>向右旋转</translation>
    </message>
    <message>
        <source>Turn the photo a quarter to the right; the file is not changed</source>
        <translation>将照片向右转 90 度；原文件不变</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>Open the photo in the viewer</source>
        <translation>查看大图</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the photo, with a reason</source>
        <translation>删除照片（需填写原因）</translation>
    </message>
    <message>
        <source>The photo is hidden, not destroyed; the reason goes on the timeline</source>
        <translation>照片会被隐藏而不会销毁；原因记入处理记录</translation>
    </message>
    <message>
        <source>Purge…</source>
        <translation>彻底清除…</translation>
    </message>
    <message>
        <source>Purge the deleted photo for good</source>
        <translation>彻底清除已删除的照片</translation>
    </message>
    <message>
        <source>Live preview; Space takes a photo</source>
        <translation>实时预览；按空格拍照</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>（无说明）</translation>
    </message>
    <message>
        <source>Deleted: {0}</source>
        <translation>已删除：{0}</translation>
    </message>
    <message>
        <source>File missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Added by {0} on {1}</source>
        <translation>{0} 于 {1} 添加</translation>
    </message>
    <message>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <source>Original missing from the database: run “depot-app check”.</source>
        <translation>数据库中缺少原图：请运行“depot-app check”。</translation>
    </message>
    <message>
        <source>File missing from the photo folder: run “depot-app check”.</source>
        <translation>照片文件夹中缺少该文件：请运行“depot-app check”。</translation>
    </message>
    <message>
        <source>Deleted by {0}: {1}</source>
        <translation>{0} 已删除：{1}</translation>
    </message>
    <message>
        <source>Removes the photo and, unless another case uses it, its file</source>
        <translation>删除照片记录；若无其他问题件使用，同时删除文件</translation>
    </message>
    <message>
        <source>Only a manager can purge a photo</source>
        <translation>只有网点负责人可以彻底清除照片</translation>
    </message>
    <message>
        <source>Only a manager can purge a deleted photo.</source>
        <translation>只有网点负责人可以彻底清除已删除的照片。</translation>
    </message>
    <message>
        <source>Select a photo to see and change it.</source>
        <translation>选择一张照片以查看和修改。</translation>
    </message>
    <message>
        <source>added by {0} on {1}</source>
        <translation>{0} 于 {1} 添加</translation>
    </message>
    <message>
        <source>File: {0} ({1})</source>
        <translation>文件：{0}（{1}）</translation>
    </message>
    <message>
        <source>shown turned {0}°</source>
        <translation>显示时旋转 {0}°</translation>
    </message>
    <message>
        <source>Deleted by {0} on {1}: {2}</source>
        <translation>{0} 于 {1} 删除：{2}</translation>
    </message>
    <message>
        <source>Add photos to {0}</source>
        <translation>添加照片到“{0}”</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The clipboard holds no picture and no photo file.</source>
        <translation>剪贴板中没有图片，也没有照片文件。</translation>
    </message>
    <message>
        <source>Wait until the photos being added are in.</source>
        <translation>请等正在添加的照片完成后再试。</translation>
    </message>
    <message>
        <source>Adding {0} photo(s)…</source>
        <translation>正在添加 {0} 张照片…</translation>
    </message>
    <message>
        <source>Adding photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Checking and storing {0} photo(s) in {1}…</source>
        <translation>正在检查并保存 {0} 张照片到“{1}”…</translation>
    </message>
    <message>
        <source>{0} photo(s) added.</source>
        <translation>已添加 {0} 张照片。</translation>
    </message>
    <message>
        <source>{0} already on the case.</source>
        <translation>{0} 张已在本问题件中。</translation>
    </message>
    <message>
        <source>{0} file(s) not added: see the list.</source>
        <translation>{0} 个文件未添加，见下方列表。</translation>
    </message>
    <message>
        <source>Stopped by Cancel.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>{0} is already on this case (photo #{1}): not added again.</source>
        <translation>{0} 已在本问题件中（照片 #{1}），未重复添加。</translation>
    </message>
    <message>
        <source>Delete photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <source>Why is this photo deleted (e.g. blurred, wrong parcel)? The reason is recorded on the timeline.</source>
        <translation>为什么删除这张照片（如模糊、拍错快件）？原因将记入处理记录。</translation>
    </message>
    <message>
        <source>Only a manager can purge a photo.</source>
        <translation>只有网点负责人可以彻底清除照片。</translation>
    </message>
    <message>
        <source>Purge photo</source>
        <translation>彻底清除照片</translation>
    </message>
    <message>
        <source>Remove “{0}” for good? The photo cannot be brought back; the timeline keeps a record that it was purged.</source>
        <translation>彻底清除“{0}”？照片将无法恢复；处理记录会保留清除记录。</translation>
    </message>
</context>
<context>
    <name>ExportOptionsDialog</name>
    <message>
        <source>Export the case report</source>
        <extracomment>What an options dialog is for. Months offered by the month picker, counting back from this one. Until this day of the month the picker proposes the month just ended (the workbook head office waits for); later, the month running.</extracomment>
        <translation>导出问题件报告</translation>
    </message>
    <message>
        <source>Export the claim form</source>
        <translation>导出赔偿申请单</translation>
    </message>
    <message>
        <source>Print the case report</source>
        <translation>打印问题件报告</translation>
    </message>
    <message>
        <source>Export closed cases</source>
        <translation>导出已结案问题件</translation>
    </message>
    <message>
        <source>Export the monthly workbook</source>
        <translation>导出月度报表</translation>
    </message>
    <message>
        <source>The case report of {0}: parcel, contacts, resolution and timeline.</source>
        <translation>{0} 的问题件报告：包裹信息、联系记录、处理方案和时间线。</translation>
    </message>
    <message>
        <source>The claim form (赔偿申请单) of {0}, for head office to approve the compensation.</source>
        <translation>{0} 的赔偿申请单，供总部审批赔偿。</translation>
    </message>
    <message>
        <source>The case report of {0} goes to the printer you choose next.</source>
        <translation>{0} 的问题件报告将发送到下一步选择的打印机。</translation>
    </message>
    <message>
        <source>Every case closed in the period, in one PDF with a table of contents.</source>
        <translation>期间内结案的全部问题件，合成一份带目录的 PDF。</translation>
    </message>
    <message>
        <source>All cases reported in the month, with the summary, the compensation ledger and the workload of each handler.</source>
        <translation>当月登记的全部问题件，含汇总、赔偿台账和各处理人的工作量。</translation>
    </message>
    <message>
        <source>Closed &amp;from:</source>
        <translation>结案起始(&amp;F)：</translation>
    </message>
    <message>
        <source>Closed &amp;until:</source>
        <translation>结案截止(&amp;U)：</translation>
    </message>
    <message>
        <source>First day of the period</source>
        <translation>期间第一天</translation>
    </message>
    <message>
        <source>Last day of the period</source>
        <translation>期间最后一天</translation>
    </message>
    <message>
        <source>Include photos</source>
        <translation>包含照片</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>Month to export</source>
        <translation>要导出的月份</translation>
    </message>
    <message>
        <source>Document &amp;language:</source>
        <translation>文档语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language of the document</source>
        <translation>文档语言</translation>
    </message>
    <message>
        <source>&amp;Unmasked: full phone numbers and personal details</source>
        <translation>不脱敏：显示完整电话和个人信息(&amp;U)</translation>
    </message>
    <message>
        <source>Export unmasked</source>
        <translation>不脱敏导出</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Choose where to save…</source>
        <translation>选择保存位置(&amp;C)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Phones, names and addresses are masked. Only a manager can export them unmasked.</source>
        <translation>电话、姓名和地址已脱敏。只有网点负责人可以不脱敏导出。</translation>
    </message>
    <message>
        <source>This unmasked export will be recorded in the audit trail under your name.</source>
        <translation>本次不脱敏导出将以您的名义记入审计日志。</translation>
    </message>
    <message>
        <source>Phones, names and addresses are masked. An unmasked export is recorded in the audit trail.</source>
        <translation>电话、姓名和地址已脱敏。不脱敏导出会记入审计日志。</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>起始日期晚于截止日期。</translation>
    </message>
</context>
<context>
    <name>ExportResultDialog</name>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>The file is saved:</source>
        <translation>文件已保存：</translation>
    </message>
    <message>
        <source>Saved file</source>
        <translation>已保存的文件</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>打开文件(&amp;O)</translation>
    </message>
    <message>
        <source>Open the saved file</source>
        <translation>打开已保存的文件</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>打开所在文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Open the folder of the saved file</source>
        <translation>打开文件所在的文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FactsTab</name>
    <message>
        <source>Reveal phones</source>
        <extracomment>Shown masked and editable only after the phones were revealed.</extracomment>
        <translation>查看完整号码</translation>
    </message>
    <message>
        <source>Reveal the full phone numbers (recorded on the timeline)</source>
        <translation>查看完整号码（记入处理记录）</translation>
    </message>
    <message>
        <source>Show the full phone numbers. Who looked is recorded on the timeline.</source>
        <translation>显示完整电话号码。查看人将记入处理记录。</translation>
    </message>
    <message>
        <source>Edit facts</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <source>Edit the parcel and case facts</source>
        <translation>修改快件和问题件信息</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Save the corrected facts</source>
        <translation>保存更正后的信息</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Discard the edits</source>
        <translation>放弃所做修改</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>快件</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>问题件</translation>
    </message>
    <message>
        <source>Sender and recipient</source>
        <translation>寄件人和收件人</translation>
    </message>
    <message>
        <source> (kg)</source>
        <translation>（kg）</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（未分配）</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最后扫描</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Registered by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Reported via</source>
        <translation>反馈渠道</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反馈人</translation>
    </message>
    <message>
        <source>Reporter contact</source>
        <translation>反馈人联系方式</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Full phone numbers are shown; they are masked again when the case reloads.</source>
        <translation>正在显示完整号码；问题件重新加载后将再次隐藏。</translation>
    </message>
    <message>
        <source>Phones are masked. Reveal them to call or correct them.</source>
        <translation>电话号码已隐藏。如需拨打或更正，请先查看完整号码。</translation>
    </message>
    <message>
        <source>Reveal phones first to correct a number</source>
        <translation>请先查看完整号码再更正</translation>
    </message>
</context>
<context>
    <name>FirstManagerDialog</name>
    <message>
        <source>Welcome to Depot Desk</source>
        <extracomment>The name this workstation is recorded under in the audit trail.</extracomment>
        <translation>欢迎使用网点问题件工作台</translation>
    </message>
    <message>
        <source>Create the first manager</source>
        <translation>创建第一位网点负责人</translation>
    </message>
    <message>
        <source>This database has no operators yet. The first one is the depot&apos;s manager, who then adds couriers and clerks under Desk → Operators. Choose a PIN or password of at least 4 characters; it is stored only as a salted hash.</source>
        <translation>数据库中还没有操作员。第一位是网点负责人，之后可在“工作台 → 操作员”中添加快递员和客服。请设置至少 4 位的 PIN 或密码；系统只保存加盐哈希，不保存原文。</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>您的姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;PIN or password:</source>
        <translation>PIN 或密码(&amp;P)：</translation>
    </message>
    <message>
        <source>PIN &amp;again:</source>
        <translation>再次输入 PIN(&amp;A)：</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致，请输入相同的 PIN。</translation>
    </message>
</context>
<context>
    <name>HintViews</name>
    <message>
        <source>Scans: {0} ({1})</source>
        <extracomment>The views&apos; keys, after the window&apos;s own views (then the address views).</extracomment>
        <translation>轨迹提示：{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import a head-office list</source>
        <extracomment>Where the clerk last picked a list, in the window-state file. Up to this many summary rows are sized to their wrapped reasons. How an encoding is named to the clerk.</extracomment>
        <translation>导入总部清单</translation>
    </message>
    <message>
        <source>Head offices send lists as .xlsx workbooks or .csv files (UTF-8 or GBK). Check what each column holds: every row needs a tracking number and a problem kind. Rows whose parcel already has that case open are skipped.</source>
        <translation>总部清单为 .xlsx 工作簿或 .csv 文件（UTF-8 或 GBK）。请核对每列的内容：每行都必须有快递单号和问题类型。包裹已有同类未结问题件的行将被跳过。</translation>
    </message>
    <message>
        <source>&amp;List file:</source>
        <translation>清单文件(&amp;L)：</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>List file</source>
        <translation>清单文件</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose the list file</source>
        <translation>选择清单文件</translation>
    </message>
    <message>
        <source>First rows of the list, with what each column holds</source>
        <translation>清单前几行及各列对应的字段</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rows of the list and what became of them</source>
        <translation>清单各行的导入结果</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Open the row-by-row report</source>
        <translation>打开逐行报告(&amp;O)</translation>
    </message>
    <message>
        <source>Open the report of refused and skipped rows</source>
        <translation>打开被拒绝和跳过的行的报告</translation>
    </message>
    <message>
        <source>Import &amp;another list</source>
        <translation>导入另一份清单(&amp;A)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <source>What column {0} holds</source>
        <translation>第 {0} 列的内容</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>Choose a head-office list</source>
        <translation>选择总部清单</translation>
    </message>
    <message>
        <source>Lists (*.xlsx *.csv *.txt *.tsv);;All files (*)</source>
        <translation>清单 (*.xlsx *.csv *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(column {0})</source>
        <translation>（第 {0} 列）</translation>
    </message>
    <message>
        <source>The file holds no table: there is nothing to import.</source>
        <translation>文件中没有表格，没有可导入的内容。</translation>
    </message>
    <message>
        <source>sheet “{0}”</source>
        <translation>工作表“{0}”</translation>
    </message>
    <message>
        <source>text encoded as {0}</source>
        <translation>文本编码 {0}</translation>
    </message>
    <message>
        <source>{0}: the header is on row {1}, {2} rows of data ({3}). The first {4} rows are shown.</source>
        <translation>{0}：表头在第 {1} 行，共 {2} 行数据（{3}）。下面显示前 {4} 行。</translation>
    </message>
    <message>
        <source>Choose the list to import.</source>
        <translation>请选择要导入的清单。</translation>
    </message>
    <message>
        <source>Required: choose the column that holds {0}.</source>
        <translation>必填：请指定{0}所在的列。</translation>
    </message>
    <message>
        <source>Ready: {0} rows will be imported; columns marked “(ignore)” are left out.</source>
        <translation>可以导入：将导入 {0} 行；标为“（忽略）”的列不导入。</translation>
    </message>
    <message>
        <source>&amp;Import {0} rows</source>
        <translation>导入 {0} 行(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Importing the list</source>
        <translation>正在导入清单</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>The import was stopped. Rows already imported are kept; the rest were not read.</source>
        <translation>导入已停止。已导入的行保留，其余的行未读取。</translation>
    </message>
    <message>
        <source>Imported, but some rows were refused: correct them in the list and import it again.</source>
        <translation>已导入，但部分行被拒绝：请在清单中改正后重新导入。</translation>
    </message>
    <message>
        <source>The list is imported.</source>
        <translation>清单已导入。</translation>
    </message>
    <message>
        <source>Created: {0}    Skipped, already open: {1}    Refused: {2}</source>
        <translation>已登记：{0}    已有未结件而跳过：{1}    已拒绝：{2}</translation>
    </message>
    <message>
        <source>Created {0}</source>
        <translation>已登记 {0}</translation>
    </message>
    <message>
        <source>Skipped: {0} is open</source>
        <translation>已跳过：{0} 未结</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Report of refused and skipped rows: {0}</source>
        <translation>被拒绝和跳过的行的报告：{0}</translation>
    </message>
</context>
<context>
    <name>JobProgressDialog</name>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel this work</source>
        <translation>取消此操作</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Depot Desk — problem parcels · {0} ({1})</source>
        <extracomment>Ready-made views of the queue, in the order shown.</extracomment>
        <translation>网点问题件工作台 · {0}（{1}）</translation>
    </message>
    <message>
        <source>&amp;Scan (F2):</source>
        <translation>扫描（F2）(&amp;S)：</translation>
    </message>
    <message>
        <source>Scan or type a tracking number and press Enter</source>
        <translation>扫描或输入运单号后按回车</translation>
    </message>
    <message>
        <source>Scan box</source>
        <translation>扫描框</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>登记问题件</translation>
    </message>
    <message>
        <source>Register a new case</source>
        <translation>登记新问题件</translation>
    </message>
    <message>
        <source>Queue views</source>
        <translation>问题件列表视图</translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation>问题件列表</translation>
    </message>
    <message>
        <source>All open cases</source>
        <translation>全部未结问题件</translation>
    </message>
    <message>
        <source>My open cases</source>
        <translation>我的未结问题件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Closed this month</source>
        <translation>本月已结案</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部问题件</translation>
    </message>
    <message>
        <source>Case queue and open cases</source>
        <translation>问题件列表与已打开的问题件</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>登记问题件(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Refresh queue</source>
        <translation>刷新问题件列表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Operator: {0}</source>
        <translation>操作员：{0}</translation>
    </message>
    <message>
        <source>{0} cases</source>
        <translation>共 {0} 件</translation>
    </message>
    <message>
        <source>Open: {0}   Overdue: {1}   Due soon: {2}   Awaiting approval: {3}</source>
        <translation>未结：{0}   已超时：{1}   即将到期：{2}   待审批：{3}</translation>
    </message>
    <message>
        <source>{0} has {1} open cases; showing the newest.</source>
        <translation>{0} 有 {1} 个未结问题件，显示最新的一个。</translation>
    </message>
    <message>
        <source>Reading the barcode in the picture…</source>
        <translation>正在识别图片中的条码…</translation>
    </message>
    <message>
        <source>No tracking number found in that picture</source>
        <translation>图片中未找到运单号</translation>
    </message>
    <message>
        <source>The picture carries {0} tracking numbers: choose one.</source>
        <translation>图片中有 {0} 个运单号，请选择一个。</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <source>Notify the customer: {0}</source>
        <translation>通知客户：{0}</translation>
    </message>
    <message>
        <source>Notice:</source>
        <translation>通知：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>收件方：</translation>
    </message>
    <message>
        <source>Length:</source>
        <translation>长度：</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>Send now, even in quiet hours</source>
        <translation>立即发送（免打扰时段也发送）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{0} characters, {1} SMS</source>
        <translation>{0} 个字，{1} 条短信</translation>
    </message>
    <message>
        <source>{0} characters</source>
        <translation>{0} 个字</translation>
    </message>
    <message>
        <source>Cannot be sent: {0}</source>
        <translation>不能发送：{0}</translation>
    </message>
    <message>
        <source>Quiet hours: held until {0}, unless you send now.</source>
        <translation>免打扰时段：将保留到 {0}，除非您选择立即发送。</translation>
    </message>
    <message>
        <source>Send it yourself, then tick it off on the case&apos;s messages.</source>
        <translation>请您亲自发送，然后在问题件的消息中勾选为已发送。</translation>
    </message>
    <message>
        <source>Goes out at the sender&apos;s next round.</source>
        <translation>将在发送程序的下一轮发出。</translation>
    </message>
</context>
<context>
    <name>OperatorEditDialog</name>
    <message>
        <source>Add an operator</source>
        <extracomment>Own PIN of a manager who already has one: the service wants the current one.</extracomment>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>The new operator signs in with this name and PIN. Tell them the PIN in person.</source>
        <translation>新操作员用此姓名和 PIN 登录。请当面告知其 PIN。</translation>
    </message>
    <message>
        <source>&amp;Add operator</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Role of {0}. It applies from their next action.</source>
        <translation>{0} 的角色。从其下一次操作起生效。</translation>
    </message>
    <message>
        <source>&amp;Change role</source>
        <translation>修改角色(&amp;C)</translation>
    </message>
    <message>
        <source>Reset PIN</source>
        <translation>重置 PIN</translation>
    </message>
    <message>
        <source>New PIN for {0}. It replaces the old one and lifts a lock-out.</source>
        <translation>为 {0} 设置新 PIN。旧 PIN 作废，锁定同时解除。</translation>
    </message>
    <message>
        <source>&amp;Set PIN</source>
        <translation>设置 PIN(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>As colleagues know them, e.g. 王丽</source>
        <translation>同事平时怎么称呼就怎么写，例如 王丽</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>C&amp;urrent PIN:</source>
        <translation>当前 PIN(&amp;U)：</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>当前 PIN</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>PIN(&amp;P)：</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新 PIN</translation>
    </message>
    <message>
        <source>At least 4 characters; not one repeated digit and not a run such as 1234.</source>
        <translation>至少 4 位；不能是同一数字重复，也不能是 1234 这样的连续数字。</translation>
    </message>
    <message>
        <source>PIN a&amp;gain:</source>
        <translation>再输一次(&amp;G)：</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>再次输入新 PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>May do everything, including managing operators.</source>
        <translation>可进行全部操作，包括管理操作员。</translation>
    </message>
    <message>
        <source>May: {0}</source>
        <translation>可以：{0}</translation>
    </message>
    <message>
        <source>Enter the operator&apos;s name.</source>
        <translation>请填写操作员姓名。</translation>
    </message>
    <message>
        <source>Enter a PIN.</source>
        <translation>请输入 PIN。</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致，请输入相同的 PIN。</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <source>Operators</source>
        <extracomment>The sub-dialog open now (for tests and to keep it alive).</extracomment>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Only a manager can manage operators. You can see the list but not change it.</source>
        <translation>只有网点负责人可以管理操作员。您可以查看列表，但不能修改。</translation>
    </message>
    <message>
        <source>&amp;Add operator…</source>
        <translation>添加操作员(&amp;A)…</translation>
    </message>
    <message>
        <source>Add an operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>Change &amp;role…</source>
        <translation>修改角色(&amp;R)…</translation>
    </message>
    <message>
        <source>Change the selected operator&apos;s role</source>
        <translation>修改所选操作员的角色</translation>
    </message>
    <message>
        <source>Reset &amp;PIN…</source>
        <translation>重置 PIN(&amp;P)…</translation>
    </message>
    <message>
        <source>Set a new PIN for the selected operator</source>
        <translation>为所选操作员设置新 PIN</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解除锁定(&amp;U)</translation>
    </message>
    <message>
        <source>Lift the selected operator&apos;s lock-out</source>
        <translation>解除所选操作员的锁定</translation>
    </message>
    <message>
        <source>After too many wrong PINs an operator is locked out for a while.</source>
        <translation>PIN 输错次数过多时，操作员会被锁定一段时间。</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Read the operators again</source>
        <translation>重新读取操作员列表</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>What each role may do</source>
        <translation>各角色的权限</translation>
    </message>
    <message>
        <source>Permissions of each role</source>
        <extracomment>Roles in the order they are offered (least senior first).</extracomment>
        <translation>各角色的权限</translation>
    </message>
    <message>
        <source>{0} may {1}</source>
        <translation>{0}可以{1}</translation>
    </message>
    <message>
        <source>{0} may not {1}</source>
        <translation>{0}不能{1}</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>重新启用(&amp;T)</translation>
    </message>
    <message>
        <source>Let the selected operator sign in again</source>
        <translation>允许所选操作员重新登录</translation>
    </message>
    <message>
        <source>Deac&amp;tivate…</source>
        <translation>停用(&amp;T)…</translation>
    </message>
    <message>
        <source>Stop the selected operator from signing in</source>
        <translation>不再允许所选操作员登录</translation>
    </message>
    <message>
        <source>{0} added.</source>
        <translation>已添加 {0}。</translation>
    </message>
    <message>
        <source>{0} is now: {1}.</source>
        <translation>{0} 现在的角色：{1}。</translation>
    </message>
    <message>
        <source>New PIN set for {0}.</source>
        <translation>已为 {0} 设置新 PIN。</translation>
    </message>
    <message>
        <source>Deactivate operator</source>
        <translation>停用操作员</translation>
    </message>
    <message>
        <source>Deactivate {0}? They can no longer sign in; cases and records keep their name. You can reactivate them later.</source>
        <translation>停用 {0}？停用后无法登录；问题件和记录中仍保留其姓名。以后可以重新启用。</translation>
    </message>
    <message>
        <source>{0} reactivated.</source>
        <translation>已重新启用 {0}。</translation>
    </message>
    <message>
        <source>{0} deactivated.</source>
        <translation>已停用 {0}。</translation>
    </message>
    <message>
        <source>{0} unlocked; they can sign in again.</source>
        <translation>已解除 {0} 的锁定，可以重新登录。</translation>
    </message>
</context>
<context>
    <name>OperatorsModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Deactivated: cannot sign in; their records keep their name.</source>
        <translation>已停用：无法登录；其记录仍保留姓名。</translation>
    </message>
    <message>
        <source>{0} (you)</source>
        <translation>{0}（本人）</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>OutboxActions</name>
    <message>
        <source>&amp;Outbox…</source>
        <translation>消息发件箱(&amp;O)…</translation>
    </message>
    <message>
        <source>Messages to customers: waiting, sent, failed</source>
        <translation>给客户的消息：待发送、已发送、发送失败</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>Outbox: messages to customers</source>
        <translation>消息发件箱：给客户的消息</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Case no.:</source>
        <translation>登记号：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>part of a case number</source>
        <translation>登记号的一部分</translation>
    </message>
    <message>
        <source>Queued from</source>
        <translation>排队日期从</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Send this waiting or failed message at the sender&apos;s next round, even in quiet hours</source>
        <translation>在发送程序的下一轮发送这条待发送或失败的消息，免打扰时段也发送</translation>
    </message>
    <message>
        <source>Sent by hand</source>
        <translation>已人工发送</translation>
    </message>
    <message>
        <source>You sent this message yourself: tick it off as sent</source>
        <translation>您已亲自发送此消息：勾选为已发送</translation>
    </message>
    <message>
        <source>Opt a phone out…</source>
        <translation>退订号码…</translation>
    </message>
    <message>
        <source>This phone or e-mail address gets no more messages</source>
        <translation>此电话或电子邮件地址不再收到消息</translation>
    </message>
    <message>
        <source>Import replies…</source>
        <translation>导入回复…</translation>
    </message>
    <message>
        <source>Read the SMS gateway&apos;s reply export (.xlsx or .csv): every reply T, TD, N or 退订 opts its phone out</source>
        <translation>读取短信平台导出的上行回复（.xlsx 或 .csv）：回复 T、TD、N 或“退订”的号码将被退订</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Messages to customers</source>
        <translation>给客户的消息</translation>
    </message>
    <message>
        <source>Last error: {0}</source>
        <translation>最近错误：{0}</translation>
    </message>
    <message>
        <source>Message {0} goes out at the next round.</source>
        <translation>消息 {0} 将在下一轮发出。</translation>
    </message>
    <message>
        <source>Message {0} ticked off as sent by hand.</source>
        <translation>消息 {0} 已勾选为人工发送。</translation>
    </message>
    <message>
        <source>Opt a phone out</source>
        <translation>退订号码</translation>
    </message>
    <message>
        <source>Phone or e-mail address that gets no more messages:</source>
        <translation>不再接收消息的电话或电子邮件地址：</translation>
    </message>
    <message>
        <source>{0} gets no more messages.</source>
        <translation>{0} 不再收到消息。</translation>
    </message>
    <message>
        <source>Import the SMS gateway&apos;s replies</source>
        <translation>导入短信平台的上行回复</translation>
    </message>
    <message>
        <source>Reply exports (*.xlsx *.csv)</source>
        <translation>回复导出文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>{0} replies read, {1} phones opted out, {2} rows without a mobile number.</source>
        <translation>读取 {0} 条回复，退订 {1} 个号码，{2} 行没有手机号码。</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>{0}, retry at {1}</source>
        <extracomment>The colour of a state&apos;s cell: failed stands out, sent is calm.</extracomment>
        <translation>{0}，{1} 重试</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队时间</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>登记号</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件方</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
</context>
<context>
    <name>OutboxStatus</name>
    <message>
        <source>{0} waiting</source>
        <extracomment>How often the desk&apos;s sender looks for due messages. The first round after the desk opens (the counter&apos;s first reads come first). Attempts per round, so a round (and closing the desk) never waits long on a slow gateway.</extracomment>
        <translation>{0} 条待发送</translation>
    </message>
    <message>
        <source>{0} retrying</source>
        <translation>{0} 条重试中</translation>
    </message>
    <message>
        <source>{0} failed</source>
        <translation>{0} 条发送失败</translation>
    </message>
    <message>
        <source>{0} to send by hand</source>
        <translation>{0} 条待人工发送</translation>
    </message>
    <message>
        <source>gateway offline, messages wait</source>
        <translation>网关离线，消息等待发送</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the figures</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>Messages: {0}</source>
        <translation>消息：{0}</translation>
    </message>
    <message>
        <source>Messages to customers; managers see them all in Desk → Outbox…</source>
        <translation>给客户的消息；网点负责人可在“工作台 → 消息发件箱…”中查看全部</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Photo viewer</source>
        <translation>照片查看器</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <source>Previous photo (← or PgUp)</source>
        <translation>上一张（← 或 PgUp）</translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation>上一张照片</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <source>Next photo (→ or PgDn)</source>
        <translation>下一张（→ 或 PgDn）</translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation>下一张照片</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>缩小（−）</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in (+ or the wheel)</source>
        <translation>放大（+ 或滚轮）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Fit the photo to the window (0)</source>
        <translation>照片适合窗口大小（0）</translation>
    </message>
    <message>
        <source>Fit the photo to the window</source>
        <translation>照片适合窗口大小</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Actual size (1)</source>
        <translation>实际大小（1）</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>⟲ Rotate left</source>
        <translation>⟲ 向左旋转</translation>
    </message>
    <message>
        <source>Turn the photo a quarter to the left (Ctrl+←); the file is not changed</source>
        <translation>将照片向左转 90 度（Ctrl+←）；原文件不变</translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation>向左旋转</translation>
    </message>
    <message>
        <source>Rotate right ⟳</source>
        <translation>向右旋转 ⟳</translation>
    </message>
    <message>
        <source>Turn the photo a quarter to the right (Ctrl+→); the file is not changed</source>
        <translation>将照片向右转 90 度（Ctrl+→）；原文件不变</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>向右旋转</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Ca&amp;ption:</source>
        <translation>说明(&amp;P)：</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>What the photo shows (Enter saves)</source>
        <translation>照片拍的是什么（回车保存）</translation>
    </message>
    <message>
        <source>Save caption</source>
        <translation>保存说明</translation>
    </message>
    <message>
        <source>Save the caption</source>
        <translation>保存说明</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the viewer</source>
        <translation>关闭查看器</translation>
    </message>
    <message>
        <source>About this photo</source>
        <translation>照片信息</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>没有照片</translation>
    </message>
    <message>
        <source>File missing: the original of {0} is not in the photo folder. Run “depot-app check”, or restore the photo folder from a backup.</source>
        <translation>文件缺失：{0} 的原图不在照片文件夹中。请运行“depot-app check”，或从备份恢复照片文件夹。</translation>
    </message>
    <message>
        <source>The photo file cannot be read: {0}</source>
        <translation>照片文件无法读取：{0}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Photo {0} of {1}</source>
        <translation>照片 {0}/{1}</translation>
    </message>
    <message>
        <source>{0} · added by {1} on {2}</source>
        <translation>{0} · {1} 于 {2} 添加</translation>
    </message>
    <message>
        <source>taken {0}</source>
        <translation>拍摄于 {0}</translation>
    </message>
    <message>
        <source>camera: {0}</source>
        <translation>相机：{0}</translation>
    </message>
    <message>
        <source>shown turned {0}°</source>
        <translation>显示时旋转 {0}°</translation>
    </message>
    <message>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <source>Deleted by {0} on {1}: {2}</source>
        <translation>{0} 于 {1} 删除：{2}</translation>
    </message>
</context>
<context>
    <name>QueueFilterBar</name>
    <message>
        <source>Search: tracking no., case no., phone, last 4 digits, name (Ctrl+F)</source>
        <extracomment>Pause after the last key before the search text is applied.</extracomment>
        <translation>搜索：运单号、登记号、电话、尾号 4 位、姓名（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>搜索问题件</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Kind filter</source>
        <translation>按问题类型筛选</translation>
    </message>
    <message>
        <source>Assignee filter</source>
        <translation>按经办人筛选</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看已超时</translation>
    </message>
    <message>
        <source>Reported between</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Filter by report date</source>
        <translation>按登记日期筛选</translation>
    </message>
    <message>
        <source>Reported from</source>
        <translation>登记日期起</translation>
    </message>
    <message>
        <source>Reported until</source>
        <translation>登记日期止</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>全部经办人</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Case no.</source>
        <extracomment>Sort key of each column for the query service.</extracomment>
        <translation>登记号</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>登记时长</translation>
    </message>
    <message>
        <source>Due in</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最后扫描</translation>
    </message>
</context>
<context>
    <name>RecordsMenu</name>
    <message>
        <source>The document to print could not be read.</source>
        <extracomment>Renders PDF pages for the printer at most at this resolution: sharp on paper, and an A4 page stays about 8.7 million pixels instead of 140 at 1200 dpi.</extracomment>
        <translation>无法读取要打印的文档。</translation>
    </message>
    <message>
        <source>The printer could not be opened. Check that it is switched on and try again.</source>
        <translation>无法打开打印机。请检查打印机是否已开机，然后重试。</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <extracomment>The last message shown in the status bar (cancelled, printed), for tests and screen readers.</extracomment>
        <translation>记录导出(&amp;R)</translation>
    </message>
    <message>
        <source>Case &amp;report (PDF)…</source>
        <translation>问题件报告（PDF）(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Claim form (PDF)…</source>
        <translation>赔偿申请单（PDF）(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Print case report…</source>
        <translation>打印问题件报告(&amp;P)…</translation>
    </message>
    <message>
        <source>Close&amp;d cases in a period (PDF)…</source>
        <translation>期间内已结案问题件（PDF）(&amp;D)…</translation>
    </message>
    <message>
        <source>Every case closed between two dates, in one PDF</source>
        <translation>两个日期之间结案的全部问题件，合成一份 PDF</translation>
    </message>
    <message>
        <source>&amp;Monthly workbook (Excel)…</source>
        <translation>月度报表（Excel）(&amp;M)…</translation>
    </message>
    <message>
        <source>The month&apos;s cases for head office and finance</source>
        <translation>当月问题件，报总部和财务</translation>
    </message>
    <message>
        <source>&amp;Import a head-office list…</source>
        <translation>导入总部清单(&amp;I)…</translation>
    </message>
    <message>
        <source>Register the cases of an .xlsx or .csv list from head office</source>
        <translation>按总部发来的 .xlsx 或 .csv 清单登记问题件</translation>
    </message>
    <message>
        <source>Select a case in the queue, or open a case, to export or print it.</source>
        <translation>请先在列表中选择或打开一个问题件，再导出或打印。</translation>
    </message>
    <message>
        <source>Case {0}:</source>
        <translation>问题件 {0}：</translation>
    </message>
    <message>
        <source>Needs the “{0}” permission, which a {1} does not have.</source>
        <translation>需要“{0}”权限，{1}没有此权限。</translation>
    </message>
    <message>
        <source>Everything about the case, as a PDF</source>
        <translation>问题件的全部信息，PDF 格式</translation>
    </message>
    <message>
        <source>The claim form of a compensation case, as a PDF</source>
        <translation>赔偿类问题件的赔偿申请单，PDF 格式</translation>
    </message>
    <message>
        <source>Print the case report</source>
        <translation>打印问题件报告</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <source>case report</source>
        <translation>问题件报告</translation>
    </message>
    <message>
        <source>claim form</source>
        <translation>赔偿申请单</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export closed cases</source>
        <translation>导出已结案问题件</translation>
    </message>
    <message>
        <source>closed cases {0} to {1}</source>
        <translation>已结案问题件 {0} 至 {1}</translation>
    </message>
    <message>
        <source>Export the monthly workbook</source>
        <translation>导出月度报表</translation>
    </message>
    <message>
        <source>{0} cases, {1} compensations, {2} in total.</source>
        <translation>问题件 {0} 件，赔偿 {1} 笔，合计 {2}。</translation>
    </message>
    <message>
        <source>problem parcels {0}</source>
        <translation>问题件月报 {0}</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Printing needs Qt&apos;s PDF module (the pyside6-addons package), which is not installed. Export the case report as a PDF and print it from a PDF viewer.</source>
        <translation>打印需要 Qt 的 PDF 模块（pyside6-addons 包），但尚未安装。请将问题件报告导出为 PDF，再用 PDF 阅读器打印。</translation>
    </message>
    <message>
        <source>Printing stopped after {0} of {1} pages.</source>
        <translation>打印已停止：共 {1} 页，已打印 {0} 页。</translation>
    </message>
    <message>
        <source>The case report of {0} went to the printer ({1} pages).</source>
        <translation>{0} 的问题件报告已发送到打印机（{1} 页）。</translation>
    </message>
    <message>
        <source>Sending {0} to the printer…</source>
        <translation>正在将 {0} 发送到打印机…</translation>
    </message>
    <message>
        <source>Preparing the case report of {0}…</source>
        <translation>正在生成 {0} 的问题件报告…</translation>
    </message>
</context>
<context>
    <name>RegistrationDialog</name>
    <message>
        <source>Register a problem parcel</source>
        <extracomment>Field errors as callables so they re-render in the current language. Values filled in from a known parcel (cleared again if the number changes).</extracomment>
        <translation>登记问题件</translation>
    </message>
    <message>
        <source>Registered by {0}</source>
        <translation>登记人：{0}</translation>
    </message>
    <message>
        <source>&amp;Tracking number *</source>
        <translation>运单号(&amp;T) *</translation>
    </message>
    <message>
        <source>&amp;Carrier</source>
        <translation>快递公司(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Kind of problem *</source>
        <translation>问题类型(&amp;K) *</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>优先级(&amp;P)</translation>
    </message>
    <message>
        <source>Reported &amp;via</source>
        <translation>反馈渠道(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reporter *</source>
        <translation>反馈人(&amp;R) *</translation>
    </message>
    <message>
        <source>Reporter c&amp;ontact *</source>
        <translation>联系方式(&amp;O) *</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>问题描述(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>N&amp;ame</source>
        <translation>姓名(&amp;A)</translation>
    </message>
    <message>
        <source>Ite&amp;m</source>
        <translation>物品(&amp;M)</translation>
    </message>
    <message>
        <source>Declared value ¥</source>
        <translation>申报价值（¥）</translation>
    </message>
    <message>
        <source>Insured value ¥</source>
        <translation>保价金额（¥）</translation>
    </message>
    <message>
        <source>Freight ¥</source>
        <translation>运费（¥）</translation>
    </message>
    <message>
        <source>COD amount ¥</source>
        <translation>代收货款（¥）</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量（kg）</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>寄递范围</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Kind of problem</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Reported via</source>
        <translation>反馈渠道</translation>
    </message>
    <message>
        <source>Reporter name</source>
        <translation>反馈人姓名</translation>
    </message>
    <message>
        <source>Reporter contact</source>
        <translation>反馈人联系方式</translation>
    </message>
    <message>
        <source>Description of the problem</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>寄件人姓名</translation>
    </message>
    <message>
        <source>Sender phone</source>
        <translation>寄件人电话</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>寄件地址</translation>
    </message>
    <message>
        <source>Recipient name</source>
        <translation>收件人姓名</translation>
    </message>
    <message>
        <source>Recipient phone</source>
        <translation>收件人电话</translation>
    </message>
    <message>
        <source>Recipient address</source>
        <translation>收件地址</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Declared value in yuan</source>
        <translation>申报价值（元）</translation>
    </message>
    <message>
        <source>Insured value in yuan</source>
        <translation>保价金额（元）</translation>
    </message>
    <message>
        <source>Freight in yuan</source>
        <translation>运费（元）</translation>
    </message>
    <message>
        <source>Cash-on-delivery amount in yuan</source>
        <translation>代收货款（元）</translation>
    </message>
    <message>
        <source>Weight in kilograms</source>
        <translation>重量（千克）</translation>
    </message>
    <message>
        <source>Shipment scope</source>
        <translation>寄递范围</translation>
    </message>
    <message>
        <source>Problem with {0}</source>
        <translation>{0}有误</translation>
    </message>
    <message>
        <source>Tracking number check</source>
        <translation>运单号校验</translation>
    </message>
    <message>
        <source>Scan or type the waybill number</source>
        <translation>扫描或输入运单号</translation>
    </message>
    <message>
        <source>Read from p&amp;hoto…</source>
        <translation>从照片识别(&amp;H)…</translation>
    </message>
    <message>
        <source>Read the tracking number from a photo of the label</source>
        <translation>从面单照片识别运单号</translation>
    </message>
    <message>
        <source>Choose a photo of the waybill label: its barcode gives the number</source>
        <translation>选择面单照片：由条码识别运单号</translation>
    </message>
    <message>
        <source>Who reported the problem</source>
        <translation>谁反馈的问题</translation>
    </message>
    <message>
        <source>Phone, WeChat or e-mail</source>
        <translation>电话、微信或邮箱</translation>
    </message>
    <message>
        <source>What happened, what the customer wants (Tab moves on)</source>
        <translation>发生了什么、客户有何诉求（按 Tab 到下一项）</translation>
    </message>
    <message>
        <source>e.g. 120.00</source>
        <translation>如 120.00</translation>
    </message>
    <message>
        <source>e.g. 1.25</source>
        <translation>如 1.25</translation>
    </message>
    <message>
        <source>What is in the parcel</source>
        <translation>快件内装物品</translation>
    </message>
    <message>
        <source>Detected from the number</source>
        <translation>按单号自动识别</translation>
    </message>
    <message>
        <source>Choose the problem…</source>
        <translation>选择问题类型…</translation>
    </message>
    <message>
        <source>Parcel facts, as on the waybill</source>
        <translation>快件信息（以面单为准）</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Handling guide</source>
        <translation>处理指引</translation>
    </message>
    <message>
        <source>Open that case</source>
        <translation>打开该问题件</translation>
    </message>
    <message>
        <source>Open the existing case</source>
        <translation>打开已有的问题件</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>提示信息</translation>
    </message>
    <message>
        <source>Known parcel</source>
        <translation>已有记录的快件</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves · Esc cancels · * required</source>
        <translation>Ctrl+Enter 保存 · Esc 取消 · * 为必填</translation>
    </message>
    <message>
        <source>&amp;Save case</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the case</source>
        <translation>保存问题件</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter or Ctrl+S)</source>
        <translation>保存（Ctrl+Enter 或 Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel without saving</source>
        <translation>取消，不保存</translation>
    </message>
    <message>
        <source>Case registered</source>
        <translation>问题件已登记</translation>
    </message>
    <message>
        <source>Case number, to read to the customer:</source>
        <translation>问题件登记号（请告知客户）：</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>问题件登记号</translation>
    </message>
    <message>
        <source>&amp;Copy number</source>
        <translation>复制登记号(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the case number</source>
        <translation>复制问题件登记号</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>问题件详情</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>✓ Valid for {0} (chosen by hand)</source>
        <translation>✓ 符合{0}单号规则（手动选择）</translation>
    </message>
    <message>
        <source>✓ Detected: {0}</source>
        <translation>✓ 已识别：{0}</translation>
    </message>
    <message>
        <source>Choose the kind of problem to see how it is usually handled.</source>
        <translation>选择问题类型后，这里显示常规处理办法。</translation>
    </message>
    <message>
        <source>How to handle: {0}</source>
        <translation>处理办法：{0}</translation>
    </message>
    <message>
        <source>Take photos first: damage is argued over photos.</source>
        <translation>先拍照：破损争议以照片为证。</translation>
    </message>
    <message>
        <source>Money terms change: the customer&apos;s written confirmation is required.</source>
        <translation>涉及款项变更：须有客户书面确认。</translation>
    </message>
    <message>
        <source>Complaint: first response due within {0} hours.</source>
        <translation>投诉：须在 {0} 小时内首次响应。</translation>
    </message>
    <message>
        <source>On record for this parcel; correct it in the case after saving.</source>
        <translation>此快件已有该记录；如需更正，请保存后在问题件中修改。</translation>
    </message>
    <message>
        <source>{0} (on record)</source>
        <translation>{0}（已有记录）</translation>
    </message>
    <message>
        <source>Mobile or landline with area code</source>
        <translation>手机或带区号的座机</translation>
    </message>
    <message>
        <source>Known parcel {0}: the facts on record are filled in and locked; blank ones can be added here.</source>
        <translation>快件 {0} 已有记录：已有信息已填入并锁定，空白项可在此补充。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <comment>case number and its kind of problem</comment>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>Open cases on this parcel: {0}.</source>
        <translation>此快件的未结问题件：{0}。</translation>
    </message>
    <message>
        <source>Choose the kind of problem.</source>
        <extracomment>Parcel facts typed into line edits, in form (and tab) order. Every field of the form in tab order; keys are the service&apos;s argument names (and the ``field`` its ValidationErrors carry).</extracomment>
        <translation>请选择问题类型。</translation>
    </message>
    <message>
        <source>Enter who reported the problem.</source>
        <translation>请填写反馈人。</translation>
    </message>
    <message>
        <source>Enter how to reach the reporter (phone, WeChat, e-mail).</source>
        <translation>请填写反馈人的联系方式（电话、微信、邮箱）。</translation>
    </message>
    <message>
        <source>Tracking number {0} · {1} · due {2}</source>
        <translation>运单号 {0} · {1} · {2} 到期</translation>
    </message>
    <message>
        <source>First response to the customer due {0}</source>
        <translation>须在 {0} 前首次响应客户</translation>
    </message>
    <message>
        <source>Photo of the waybill label</source>
        <translation>面单照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.webp);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No tracking number found in that picture</source>
        <translation>图片中未找到运单号</translation>
    </message>
</context>
<context>
    <name>ResolutionPanel</name>
    <message>
        <source>Current resolution</source>
        <translation>当前处理方案</translation>
    </message>
    <message>
        <source>Manager approval</source>
        <translation>网点负责人审批</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Choose a resolution</source>
        <translation>选择处理方案</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>处理方案：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <source>Case status:</source>
        <translation>问题件状态：</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <source>Chosen by:</source>
        <translation>选定人：</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>开始执行：</translation>
    </message>
    <message>
        <source>Suggested amount:</source>
        <translation>建议金额：</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>How it was worked out:</source>
        <translation>计算依据：</translation>
    </message>
    <message>
        <source>Reason for the change:</source>
        <translation>调整原因：</translation>
    </message>
    <message>
        <source>Approval:</source>
        <translation>审批：</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>付款：</translation>
    </message>
    <message>
        <source>Signed for on:</source>
        <translation>签收日期：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>审批意见：</translation>
    </message>
    <message>
        <source>Paid by:</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <source>Transfer reference:</source>
        <translation>交易流水号：</translation>
    </message>
    <message>
        <source>Payee account:</source>
        <translation>收款账户：</translation>
    </message>
    <message>
        <source>Paid on:</source>
        <translation>付款日期：</translation>
    </message>
    <message>
        <source>Delivery attempt on:</source>
        <translation>派送日期：</translation>
    </message>
    <message>
        <source>New address:</source>
        <translation>新地址：</translation>
    </message>
    <message>
        <source>New phone:</source>
        <translation>新电话：</translation>
    </message>
    <message>
        <source>New tracking no.:</source>
        <translation>新运单号：</translation>
    </message>
    <message>
        <source>Reason for return:</source>
        <translation>退回原因：</translation>
    </message>
    <message>
        <source>Return tracking no.:</source>
        <translation>退回运单号：</translation>
    </message>
    <message>
        <source>Other carrier:</source>
        <translation>转寄快递公司：</translation>
    </message>
    <message>
        <source>Their tracking no.:</source>
        <translation>对方运单号：</translation>
    </message>
    <message>
        <source>Pickup outlet:</source>
        <translation>自提点：</translation>
    </message>
    <message>
        <source>Pickup code:</source>
        <translation>取件码：</translation>
    </message>
    <message>
        <source>New COD amount:</source>
        <translation>新代收货款：</translation>
    </message>
    <message>
        <source>New freight:</source>
        <translation>新运费：</translation>
    </message>
    <message>
        <source>Freight paid by:</source>
        <translation>运费支付方：</translation>
    </message>
    <message>
        <source>Written confirmation ref.:</source>
        <translation>书面确认编号：</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>损失程度：</translation>
    </message>
    <message>
        <source>Actual loss:</source>
        <translation>实际损失：</translation>
    </message>
    <message>
        <source>Full value:</source>
        <translation>物品全值：</translation>
    </message>
    <message>
        <source>Surcharges:</source>
        <translation>附加费：</translation>
    </message>
    <message>
        <source>Exemption:</source>
        <translation>免责情形：</translation>
    </message>
    <message>
        <source>Amount to pay:</source>
        <translation>赔付金额：</translation>
    </message>
    <message>
        <source>Mark in progress</source>
        <translation>开始执行</translation>
    </message>
    <message>
        <source>Mark the resolution in progress</source>
        <translation>将处理方案标记为执行中</translation>
    </message>
    <message>
        <source>Work on the resolution has begun, e.g. the parcel is out for redelivery</source>
        <translation>处理方案已开始执行，如快件已重新派送</translation>
    </message>
    <message>
        <source>Note (optional), e.g. out with courier Wang</source>
        <translation>备注（选填），如：已交快递员小王派送</translation>
    </message>
    <message>
        <source>Note for marking in progress</source>
        <translation>开始执行的备注</translation>
    </message>
    <message>
        <source>Record signed date</source>
        <translation>登记签收日期</translation>
    </message>
    <message>
        <source>Record the date the other carrier&apos;s parcel was signed for</source>
        <translation>登记转寄快件的签收日期</translation>
    </message>
    <message>
        <source>Required when rejecting</source>
        <translation>驳回时必填</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Approve the compensation</source>
        <translation>批准赔偿</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Reject the compensation</source>
        <translation>驳回赔偿</translation>
    </message>
    <message>
        <source>Only a manager can approve compensation</source>
        <translation>只有网点负责人可以审批赔偿</translation>
    </message>
    <message>
        <source>Bank card, Alipay or WeChat account (optional)</source>
        <translation>银行卡、支付宝或微信账号（选填）</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>登记付款</translation>
    </message>
    <message>
        <source>Record the compensation payment</source>
        <translation>登记赔款支付</translation>
    </message>
    <message>
        <source>Choose a different resolution…</source>
        <translation>更换处理方案…</translation>
    </message>
    <message>
        <source>Replace the current resolution</source>
        <translation>替换当前处理方案</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Keep the current resolution</source>
        <translation>保留当前处理方案</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选定</translation>
    </message>
    <message>
        <source>Choose this resolution</source>
        <translation>选定此处理方案</translation>
    </message>
    <message>
        <source>Leave empty to keep the waybill address</source>
        <translation>留空则沿用面单地址</translation>
    </message>
    <message>
        <source>Tracking number of the new shipment</source>
        <translation>补发快件的运单号</translation>
    </message>
    <message>
        <source>e.g. refused by the recipient, sender wants it back</source>
        <translation>如：收件人拒收，寄件人要求退回</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>The other carrier&apos;s tracking number</source>
        <translation>对方快递公司的运单号</translation>
    </message>
    <message>
        <source>Follow the parcel until it is signed for, then record the signed date.</source>
        <translation>跟踪至签收，然后登记签收日期。</translation>
    </message>
    <message>
        <source>Pick or type the carrier</source>
        <translation>选择或输入快递公司</translation>
    </message>
    <message>
        <source>Outlet or parcel locker where the recipient collects it</source>
        <translation>收件人取件的网点或快递柜</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate a 6-digit pickup code</source>
        <translation>生成 6 位取件码</translation>
    </message>
    <message>
        <source>Leave empty if unchanged; 0 cancels COD</source>
        <translation>不变则留空；填 0 取消代收货款</translation>
    </message>
    <message>
        <source>Leave empty if unchanged</source>
        <translation>不变则留空</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>Sender (prepaid)</source>
        <translation>寄件人（寄付）</translation>
    </message>
    <message>
        <source>Recipient (to pay)</source>
        <translation>收件人（到付）</translation>
    </message>
    <message>
        <source>Reference of the customer&apos;s written confirmation (required)</source>
        <translation>客户书面确认的编号（必填）</translation>
    </message>
    <message>
        <source>Value of what was lost or damaged, e.g. 1500.00</source>
        <translation>丢失或损坏部分的价值，如 1500.00</translation>
    </message>
    <message>
        <source>Caused by intent or gross negligence (no freight cap)</source>
        <translation>因故意或重大过失造成（不受运费倍数上限限制）</translation>
    </message>
    <message>
        <source>Intent or gross negligence</source>
        <translation>故意或重大过失</translation>
    </message>
    <message>
        <source>Suggested amount</source>
        <translation>建议金额</translation>
    </message>
    <message>
        <source>How the suggested amount was worked out</source>
        <translation>建议金额的计算依据</translation>
    </message>
    <message>
        <source>Approval needed</source>
        <translation>需要审批</translation>
    </message>
    <message>
        <source>Parcel values</source>
        <translation>快件金额信息</translation>
    </message>
    <message>
        <source>Details of the chosen resolution type</source>
        <translation>所选处理方案的详情</translation>
    </message>
    <message>
        <source>About choosing</source>
        <translation>选择说明</translation>
    </message>
    <message>
        <source>Amount to pay</source>
        <translation>赔付金额</translation>
    </message>
    <message>
        <source>{0} is above the approval limit of {1}: a manager must approve or reject it.</source>
        <extracomment>Below this width (pixels) the two columns are stacked. The last suggestion shown, or the error that prevented one. The amount the panel itself last put in the amount field. scope -&gt; field -&gt; (input widget, its error label) key -&gt; (row label, input) for rows whose label text is translated The clerk asked to replace the live resolution (the form is folded away otherwise).</extracomment>
        <translation>{0} 超过审批额度 {1}：须由网点负责人批准或驳回。</translation>
    </message>
    <message>
        <source>Amount to pay: {0}</source>
        <translation>赔付金额：{0}</translation>
    </message>
    <message>
        <source>Change signed date</source>
        <translation>修改签收日期</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>未打开问题件。</translation>
    </message>
    <message>
        <source>The case is closed: reopen it to choose another resolution.</source>
        <translation>问题件已结案：如需另选处理方案，请先重新打开。</translation>
    </message>
    <message>
        <source>A compensation waits for a manager&apos;s decision: it must be approved or rejected before another resolution is chosen.</source>
        <translation>赔偿待网点负责人审批：批准或驳回后才能另选处理方案。</translation>
    </message>
    <message>
        <source>Compensation has been paid: the resolution can no longer be replaced.</source>
        <translation>赔款已支付：处理方案不能再更换。</translation>
    </message>
    <message>
        <source>Choosing again replaces the current resolution.</source>
        <translation>重新选择将替换当前处理方案。</translation>
    </message>
    <message>
        <source>The proposed compensation of {0} was rejected by {1}: “{2}”. Choose a resolution.</source>
        <translation>拟赔偿 {0} 已被 {1} 驳回：“{2}”。请选择处理方案。</translation>
    </message>
    <message>
        <source>The last proposal was rejected. Choose a resolution.</source>
        <translation>上一方案已被驳回。请选择处理方案。</translation>
    </message>
    <message>
        <source>No resolution has been chosen yet.</source>
        <translation>尚未选择处理方案。</translation>
    </message>
    <message>
        <source>Waiting for a manager&apos;s approval</source>
        <translation>待网点负责人审批</translation>
    </message>
    <message>
        <source>Approved by {0} at {1}</source>
        <translation>{0} 于 {1} 批准</translation>
    </message>
    <message>
        <source>Rejected by {0} at {1}</source>
        <translation>{0} 于 {1} 驳回</translation>
    </message>
    <message>
        <source>Not needed (at most {0})</source>
        <translation>无需审批（不超过 {0}）</translation>
    </message>
    <message>
        <source>Paid {0} on {1} · {2}</source>
        <translation>{1} 已付 {0} · {2}</translation>
    </message>
    <message>
        <source>Reference: {0}</source>
        <translation>流水号：{0}</translation>
    </message>
    <message>
        <source>Payee account: {0}</source>
        <translation>收款账户：{0}</translation>
    </message>
    <message>
        <source>Recorded by {0}</source>
        <translation>登记人：{0}</translation>
    </message>
    <message>
        <source>Not paid yet</source>
        <translation>尚未付款</translation>
    </message>
    <message>
        <source>insured {0}</source>
        <translation>保价 {0}</translation>
    </message>
    <message>
        <source>not insured</source>
        <translation>未保价</translation>
    </message>
    <message>
        <source>Declared value {0} · {1} · freight {2}</source>
        <translation>申报价值 {0} · {1} · 运费 {2}</translation>
    </message>
    <message>
        <source>Whole shipment; empty = declared value {0}</source>
        <translation>整票价值；留空按申报价值 {0}</translation>
    </message>
    <message>
        <source>Leave empty to keep {0}</source>
        <translation>留空则沿用 {0}</translation>
    </message>
    <message>
        <source>Mobile or landline with area code</source>
        <translation>手机或带区号的座机</translation>
    </message>
    <message>
        <source>Suggested {0}</source>
        <translation>建议金额 {0}</translation>
    </message>
    <message>
        <source>Suggested: —</source>
        <translation>建议金额：—</translation>
    </message>
    <message>
        <source>Describe the loss to see the suggested amount.</source>
        <translation>填写损失情况后显示建议金额。</translation>
    </message>
    <message>
        <source>Reason for the change (required):</source>
        <translation>调整原因（必填）：</translation>
    </message>
    <message>
        <source>Why the amount differs from the suggested {0}</source>
        <translation>金额与建议金额 {0} 不同的原因</translation>
    </message>
    <message>
        <source>Only needed if you change the amount</source>
        <translation>仅在修改金额时填写</translation>
    </message>
    <message>
        <source>Needs manager approval (above {0})</source>
        <translation>需网点负责人审批（超过 {0}）</translation>
    </message>
    <message>
        <source>Optional for cash</source>
        <translation>现金支付可不填</translation>
    </message>
    <message>
        <source>Bank, Alipay or WeChat Pay transaction number (required)</source>
        <translation>银行、支付宝或微信支付的交易流水号（必填）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>Page indexes in ``settingsTabs``. ValidationError.field → (page, widget to focus, label for the message).</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <source>Only a manager can change depot settings. You can still choose your own language.</source>
        <translation>只有网点负责人可以修改网点设置。你仍可选择自己的界面语言。</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>Compensation policy</source>
        <translation>赔偿规则</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Carrier scans</source>
        <translation>快递轨迹查询</translation>
    </message>
    <message>
        <source>Message templates</source>
        <translation>消息模板</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置分页</translation>
    </message>
    <message>
        <source>Depot &amp;code:</source>
        <extracomment>Time zones offered in the combo (any other valid IANA name may be typed). ValidationError.field → (widget to focus, label for the message).</extracomment>
        <translation>网点代码(&amp;C)：</translation>
    </message>
    <message>
        <source>Depot code</source>
        <translation>网点代码</translation>
    </message>
    <message>
        <source>e.g. SH01</source>
        <translation>如 SH01</translation>
    </message>
    <message>
        <source>Depot &amp;name:</source>
        <translation>网点名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Depot name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <source>Depot &amp;phone:</source>
        <translation>网点电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Depot phone</source>
        <translation>网点电话</translation>
    </message>
    <message>
        <source>Customers call this number back, e.g. 021-58880000</source>
        <translation>客户回拨的号码，如 021-58880000</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>时区(&amp;T)：</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Due times, the case number&apos;s date and reports follow this time zone.</source>
        <translation>到期时间、登记号中的日期和报表均按此时区计算。</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>&amp;Lock the desk after:</source>
        <translation>空闲锁定(&amp;L)：</translation>
    </message>
    <message>
        <source> min idle</source>
        <translation> 分钟无操作后</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Idle minutes before the desk locks</source>
        <translation>空闲锁定分钟数</translation>
    </message>
    <message>
        <source>With no key press or mouse movement for this long, the desk hides its content and asks for a PIN.</source>
        <translation>在这段时间内没有按键或鼠标操作，工作台会隐藏内容并要求输入 PIN。</translation>
    </message>
    <message>
        <source>Wrong &amp;PINs allowed:</source>
        <translation>允许输错 PIN 次数(&amp;P)：</translation>
    </message>
    <message>
        <source>Wrong PINs before an operator is locked out</source>
        <translation>锁定前允许输错 PIN 的次数</translation>
    </message>
    <message>
        <source>Loc&amp;k-out time:</source>
        <translation>锁定时长(&amp;K)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Lock-out minutes</source>
        <translation>锁定分钟数</translation>
    </message>
    <message>
        <source>These rules give the suggested compensation for a case. Insured parcels are paid by their insured amount; uninsured ones by the actual loss, up to a cap (no cap where the loss came from intent or gross negligence).</source>
        <extracomment>The freight of the worked example on the compensation page. ValidationError.field → (widget to focus, label for the message).</extracomment>
        <translation>以下规则用于计算问题件的建议赔偿金额。保价快件按保价金额赔偿；未保价快件按实际损失赔偿，但不超过上限（因故意或重大过失造成的损失不设上限）。</translation>
    </message>
    <message>
        <source>Uninsured &amp;cap:</source>
        <translation>未保价赔偿上限(&amp;C)：</translation>
    </message>
    <message>
        <source> × freight</source>
        <translation> × 运费</translation>
    </message>
    <message>
        <source>Uninsured cap as a multiple of the freight</source>
        <translation>未保价赔偿上限（运费的倍数）</translation>
    </message>
    <message>
        <source>&amp;Delay waives the freight (surcharges are still charged)</source>
        <translation>延误免收运费（附加费照收）(&amp;D)</translation>
    </message>
    <message>
        <source>Delay waives the freight</source>
        <translation>延误免收运费</translation>
    </message>
    <message>
        <source>&amp;Approval above:</source>
        <translation>需审批金额超过(&amp;A)：</translation>
    </message>
    <message>
        <source>Approval threshold in yuan</source>
        <translation>审批金额门槛（元）</translation>
    </message>
    <message>
        <source>e.g. ¥200.00</source>
        <translation>如 ¥200.00</translation>
    </message>
    <message>
        <source>&amp;Force majeure also exempts insured parcels (the postal rule says it does not)</source>
        <translation>不可抗力对保价快件同样免责（邮政规定不免责）(&amp;F)</translation>
    </message>
    <message>
        <source>Force majeure exempts insured parcels</source>
        <translation>不可抗力对保价快件免责</translation>
    </message>
    <message>
        <source>Response and warning</source>
        <translation>响应与预警</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Complaint &amp;first response within:</source>
        <translation>投诉首次响应时限(&amp;F)：</translation>
    </message>
    <message>
        <source>Complaint first response, hours</source>
        <translation>投诉首次响应时限（小时）</translation>
    </message>
    <message>
        <source>&quot;Due soon&quot; when time left is below:</source>
        <translation>剩余时间占比低于此值为“即将到期”：</translation>
    </message>
    <message>
        <source>Due soon when this share of the time is left</source>
        <translation>剩余时间低于此比例时为即将到期</translation>
    </message>
    <message>
        <source>… or fewer hours than:</source>
        <translation>……或剩余小时数少于：</translation>
    </message>
    <message>
        <source>Due soon when fewer than this many hours are left</source>
        <translation>剩余小时数少于此值时为即将到期</translation>
    </message>
    <message>
        <source>Priority factors</source>
        <translation>优先级系数</translation>
    </message>
    <message>
        <source>A case is due after its kind&apos;s hours × this factor.</source>
        <translation>问题件处理时限 = 该问题类型的小时数 × 此系数。</translation>
    </message>
    <message>
        <source>Priority factor: {0}</source>
        <translation>优先级系数：{0}</translation>
    </message>
    <message>
        <source>Treat as lost after</source>
        <translation>视为遗失的期限</translation>
    </message>
    <message>
        <source>Calendar days without a scan or delivery.</source>
        <translation>无扫描、无派送记录的自然日天数。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Treat as lost after, days: {0}</source>
        <translation>视为遗失的天数：{0}</translation>
    </message>
    <message>
        <source>Resolution due, per problem kind</source>
        <translation>各问题类型的处理时限</translation>
    </message>
    <message>
        <source>Problem kind</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Resolution hours per problem kind</source>
        <translation>各问题类型的处理时限（小时）</translation>
    </message>
    <message>
        <source>Hours to resolve: {0}</source>
        <translation>处理时限（小时）：{0}</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Your own choice on this workstation; it applies at once and is not a depot setting.</source>
        <translation>仅对你在本工作站的使用生效，立即应用，不属于网点设置。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Save the settings and close</source>
        <translation>保存设置并关闭</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>不保存并关闭</translation>
    </message>
    <message>
        <source>&amp;Restore defaults</source>
        <translation>恢复默认值(&amp;R)</translation>
    </message>
    <message>
        <source>Restore this page&apos;s defaults</source>
        <translation>恢复本页默认值</translation>
    </message>
    <message>
        <source>Put this page back to the standard policy. Nothing is saved until OK.</source>
        <translation>将本页恢复为标准规则。点击“确定”前不会保存。</translation>
    </message>
    <message>
        <source>China standard time (Beijing)</source>
        <translation>中国标准时间（北京）</translation>
    </message>
    <message>
        <source>Xinjiang time</source>
        <translation>新疆时间</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>香港</translation>
    </message>
    <message>
        <source>Macau</source>
        <translation>澳门</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>台湾</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>Malaysia</source>
        <translation>马来西亚</translation>
    </message>
    <message>
        <source>Thailand</source>
        <translation>泰国</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>Korea</source>
        <translation>韩国</translation>
    </message>
    <message>
        <source>United Arab Emirates</source>
        <translation>阿联酋</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>Central Europe</source>
        <translation>中欧</translation>
    </message>
    <message>
        <source>US Eastern</source>
        <translation>美国东部</translation>
    </message>
    <message>
        <source>US Pacific</source>
        <translation>美国太平洋</translation>
    </message>
    <message>
        <source>Coordinated Universal Time</source>
        <translation>协调世界时</translation>
    </message>
    <message>
        <source>Example: {0} × freight {1} = {2} cap</source>
        <translation>示例：{0} × 运费 {1} = 上限 {2}</translation>
    </message>
    <message>
        <source>Enter an amount such as ¥1,200.50.</source>
        <translation>请输入金额，如 ¥1,200.50。</translation>
    </message>
    <message>
        <source>Compensation above {0} needs a manager&apos;s approval.</source>
        <translation>赔偿金额超过 {0} 需网点负责人审批。</translation>
    </message>
    <message>
        <source>New case numbers start with the code, e.g. {0}. Existing ones keep theirs.</source>
        <translation>新登记号以此代码开头，如 {0}。已有登记号不变。</translation>
    </message>
    <message>
        <source>2 to 8 letters or digits, e.g. SH01.</source>
        <translation>2 至 8 位字母或数字，如 SH01。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Desk locked</source>
        <translation>工作台已锁定</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>工作台已锁定</translation>
    </message>
    <message>
        <source>{0} was signed in. Type your PIN to continue, or choose another name to switch operator; every change is recorded under the name signed in.</source>
        <translation>当前登录的是 {0}。输入 PIN 继续，或选择其他姓名切换操作员；所有修改都记录在登录者名下。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Who is at the desk?</source>
        <translation>谁在值班？</translation>
    </message>
    <message>
        <source>Choose your name and type your PIN. Every change you make is recorded under it.</source>
        <translation>请选择您的姓名并输入 PIN。您所做的每项修改都会记录在您名下。</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Choose a &amp;PIN:</source>
        <translation>设置 PIN(&amp;P)：</translation>
    </message>
    <message>
        <source>PIN &amp;again:</source>
        <translation>再次输入 PIN(&amp;A)：</translation>
    </message>
    <message>
        <source>Set PIN and sign in</source>
        <translation>设置 PIN 并登录</translation>
    </message>
    <message>
        <source>No one at this depot has a PIN yet. As a manager, choose yours (at least 4 characters), then add PINs for the others under Desk → Operators.</source>
        <translation>本网点还没有人设置 PIN。请网点负责人先设置自己的 PIN（至少 4 位），再到“工作台 → 操作员”中为其他人设置。</translation>
    </message>
    <message>
        <source>&amp;PIN or password:</source>
        <translation>PIN 或密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>请先选择您的姓名。</translation>
    </message>
    <message>
        <source>Type your PIN.</source>
        <translation>请输入 PIN。</translation>
    </message>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致，请输入相同的 PIN。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Notice and language:</source>
        <translation>通知和语言：</translation>
    </message>
    <message>
        <source>SMS:</source>
        <translation>短信：</translation>
    </message>
    <message>
        <source>E-mail subject:</source>
        <translation>邮件主题：</translation>
    </message>
    <message>
        <source>E-mail text:</source>
        <translation>邮件正文：</translation>
    </message>
    <message>
        <source>Sample SMS:</source>
        <translation>示例短信：</translation>
    </message>
    <message>
        <source>Placeholders: {0}</source>
        <translation>占位符：{0}</translation>
    </message>
    <message>
        <source>{0} characters as written</source>
        <translation>按原文 {0} 个字</translation>
    </message>
    <message>
        <source>{0} characters, {1} SMS (one SMS holds 70 characters, a longer one 67 per part)</source>
        <translation>{0} 个字，{1} 条短信（一条短信 70 个字，超出时每条 67 个字）</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>修改前 → 修改后</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Case timeline</source>
        <translation>问题件处理记录</translation>
    </message>
</context>
<context>
    <name>TrackingChooser</name>
    <message>
        <source>Choose the tracking number</source>
        <extracomment>One picture to import or read: a file, a named byte string, or an image still to encode. File name endings that look like pictures (the scan box accepts only these; the photo import takes every file and says why it refuses one). Raw image formats a copy from a browser or a photo app may carry, with the file ending to name them by.</extracomment>
        <translation>选择运单号</translation>
    </message>
    <message>
        <source>The picture carries several tracking numbers. Which one is this parcel&apos;s?</source>
        <translation>图片中有多个运单号，哪一个是本快件的？</translation>
    </message>
    <message>
        <source>Tracking numbers found</source>
        <translation>识别到的运单号</translation>
    </message>
</context>
<context>
    <name>TrackingPage</name>
    <message>
        <source>Ask the tracking query service (Kuaidi100-style) for scans</source>
        <translation>向轨迹查询服务（快递100接口）查询快递轨迹</translation>
    </message>
    <message>
        <source>Query address:</source>
        <translation>查询地址：</translation>
    </message>
    <message>
        <source>Customer code:</source>
        <translation>customer 编号：</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>授权 key：</translation>
    </message>
    <message>
        <source>Time-out, seconds:</source>
        <translation>超时（秒）：</translation>
    </message>
    <message>
        <source>The key is kept secret: it shows as •••• and stays as stored unless you type a new one.</source>
        <translation>授权 key 保密显示为 ••••；不输入新 key 时保留原值。</translation>
    </message>
</context>
<context>
    <name>TrackingTab</name>
    <message>
        <source>Time</source>
        <extracomment>The dot&apos;s colour per scan type on the timeline.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描类型</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>What the carrier says</source>
        <translation>轨迹描述</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Carrier scans, newest first</source>
        <translation>快递轨迹（最新在前）</translation>
    </message>
    <message>
        <source>Refresh from the carrier</source>
        <translation>从快递公司刷新</translation>
    </message>
    <message>
        <source>Ask the tracking query service for this parcel&apos;s scans now</source>
        <translation>立即向轨迹查询服务查询此快件的轨迹</translation>
    </message>
    <message>
        <source>Refresh the carrier scans</source>
        <translation>刷新快递轨迹</translation>
    </message>
    <message>
        <source>Asking the carrier…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>Reading the scans…</source>
        <translation>正在读取轨迹…</translation>
    </message>
    <message>
        <source>No carrier scans are known for {0} yet: import the head office&apos;s tracking export or refresh from the carrier.</source>
        <translation>暂无 {0} 的快递轨迹：请导入总部轨迹表，或从快递公司刷新。</translation>
    </message>
    <message>
        <source>Last scan {0}: {1}, {2} ({3} scans)</source>
        <translation>最后扫描 {0}：{1}，{2}（共 {3} 条）</translation>
    </message>
</context>
<context>
    <name>VolumeDialog</name>
    <message>
        <source>Parcel volume</source>
        <translation>网点业务量</translation>
    </message>
    <message>
        <source>Parcels the depot handled each day. Leave a day empty when it is not known: the rates per 10,000 parcels need every day of the period.</source>
        <translation>网点每天处理的件数。不清楚的日期请留空：每万件比率需要期间内每一天的业务量。</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Import a list (csv/xlsx)…</source>
        <translation>导入清单（csv/xlsx）…</translation>
    </message>
    <message>
        <source>Import parcel volume</source>
        <translation>导入业务量</translation>
    </message>
    <message>
        <source>Lists (*.csv *.xlsx)</source>
        <translation>清单 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>{0} days imported.</source>
        <translation>已导入 {0} 天。</translation>
    </message>
</context>
</TS>
